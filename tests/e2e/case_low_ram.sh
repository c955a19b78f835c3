# A machine with 8 GB of RAM: a warning with the number, not a failure.
. "$BS_E2E_LIB"
sysroot_linux debian-11 7850
run_doctor
expect_rc 0
expect_check ram warn "7.7 GiB RAM, below the 12.0 GiB"
expect_nothing_written
