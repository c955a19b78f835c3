# deps.cmake: the libraries the core links, as one interface target, bs_deps.
#
# Development builds take the system's shared libraries through pkg-config. Release builds
# set BS_DEPS_PREFIX to a prefix made by packaging/superbuild.sh: static archives there,
# linked in dependency order, and the whole program linked with -static.
set(BS_DEPS_PREFIX "" CACHE PATH
    "Static dependency prefix from packaging/superbuild.sh (empty: system libraries)")
add_library(bs_deps INTERFACE)

if(BS_DEPS_PREFIX)
  set(_p ${BS_DEPS_PREFIX})
  foreach(lib curl archive ssl crypto lzma minizip cjson z)
    if(NOT EXISTS ${_p}/lib/lib${lib}.a)
      message(FATAL_ERROR "${_p}/lib/lib${lib}.a is missing: run packaging/superbuild.sh")
    endif()
  endforeach()
  target_include_directories(bs_deps INTERFACE ${_p}/include ${_p}/include/minizip)
  # The headers of curl, libarchive and cJSON assume DLLs on Windows unless told otherwise.
  target_compile_definitions(bs_deps INTERFACE CURL_STATICLIB LIBARCHIVE_STATIC
                             CJSON_HIDE_SYMBOLS LZMA_API_STATIC)
  # Order matters for static archives: each one before the ones it uses.
  target_link_libraries(bs_deps INTERFACE
      ${_p}/lib/libcurl.a ${_p}/lib/libarchive.a ${_p}/lib/libssl.a ${_p}/lib/libcrypto.a
      ${_p}/lib/liblzma.a ${_p}/lib/libminizip.a ${_p}/lib/libcjson.a ${_p}/lib/libz.a)
  if(WIN32)
    # bcrypt.dll (OpenSSL's random numbers), crypt32.dll (curl's native CA store) and
    # wintrust.dll (Authenticode, before an installer is run) are
    # not KnownDLLs: imported the usual way, Windows would look for them first in the
    # folder the .exe sits in, Downloads, before main() can say otherwise. Delay-loaded,
    # they are loaded at first use, after SetDefaultDllDirectories(System32) has run.
    set(_delay_libs)
    foreach(dll bcrypt crypt32 wintrust)
      set(_lib ${CMAKE_BINARY_DIR}/delayload/lib${dll}_delay.a)
      set(_def ${CMAKE_SOURCE_DIR}/packaging/windows/delayload/${dll}.def)
      add_custom_command(OUTPUT ${_lib}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/delayload
        COMMAND x86_64-w64-mingw32-dlltool --input-def ${_def} --output-delaylib ${_lib}
        DEPENDS ${_def} VERBATIM)
      list(APPEND _delay_libs ${_lib})
    endforeach()
    add_custom_target(bs_delayload DEPENDS ${_delay_libs})
    add_dependencies(bs_deps bs_delayload)
    # Sockets and the rest of the system's DLLs, all KnownDLLs (loaded from System32).
    target_link_libraries(bs_deps INTERFACE ${_delay_libs} ws2_32 advapi32 user32 iphlpapi
                          shell32)
  endif()
  target_link_options(bs_deps INTERFACE -static)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
  pkg_check_modules(ARCHIVE REQUIRED IMPORTED_TARGET libarchive)
  pkg_check_modules(CRYPTO REQUIRED IMPORTED_TARGET libcrypto)
  # libssl: only to add a user's CA bundle to the store libcurl's OpenSSL context uses.
  pkg_check_modules(SSL REQUIRED IMPORTED_TARGET libssl)
  pkg_check_modules(MINIZIP REQUIRED IMPORTED_TARGET minizip)
  pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)
  target_link_libraries(bs_deps INTERFACE PkgConfig::CJSON PkgConfig::CURL PkgConfig::ARCHIVE
                        PkgConfig::CRYPTO PkgConfig::SSL PkgConfig::MINIZIP)
endif()
