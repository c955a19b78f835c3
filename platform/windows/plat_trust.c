/*
 * plat_trust.c: Authenticode on Windows. WinVerifyTrust checks the signature and its chain
 * (revocation from the cache only: the machine may be offline), then the signer's
 * certificate gives the publisher's name, which must be the one asked for: a valid
 * signature by anyone else is refused too.
 */
#include "core/error.h"
#include "platform/platform.h"
#include "platform/windows/win_text.h"

#include <softpub.h>
#include <stdio.h>
#include <stdlib.h>
#include <wincrypt.h>
#include <wintrust.h>

static void signer_name(HANDLE state, char *out, size_t size)
{
    CRYPT_PROVIDER_DATA *data = WTHelperProvDataFromStateData(state);
    CRYPT_PROVIDER_SGNR *sgnr = data ? WTHelperGetProvSignerFromChain(data, 0, FALSE, 0) : NULL;
    CRYPT_PROVIDER_CERT *cert = sgnr ? WTHelperGetProvCertFromChain(sgnr, 0) : NULL;
    wchar_t name[256] = L"";
    if (cert && cert->pCert)
        CertGetNameStringW(cert->pCert, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, NULL, name, 256);
    char *utf8 = win_utf8(name);
    snprintf(out, size, "%s", utf8 ? utf8 : "");
    free(utf8);
}

int plat_verify_publisher(const char *path, const char *publisher, char *signer, size_t size)
{
    wchar_t *w = win_path(path);
    if (!w)
        return -ENOMEM;
    WINTRUST_FILE_INFO file = {.cbStruct = sizeof(file), .pcwszFilePath = w};
    GUID action = WINTRUST_ACTION_GENERIC_VERIFY_V2;
    WINTRUST_DATA wd;
    memset(&wd, 0, sizeof(wd));
    wd.cbStruct = sizeof(wd);
    wd.dwUIChoice = WTD_UI_NONE;
    wd.fdwRevocationChecks = WTD_REVOKE_NONE;
    wd.dwUnionChoice = WTD_CHOICE_FILE;
    wd.pFile = &file;
    wd.dwStateAction = WTD_STATEACTION_VERIFY;
    wd.dwProvFlags = WTD_CACHE_ONLY_URL_RETRIEVAL;
    LONG status = WinVerifyTrust(NULL, &action, &wd);
    if (size)
        signer[0] = '\0';
    int rc = 0;
    if (status != ERROR_SUCCESS) {
        snprintf(signer, size, "%s",
                 status == TRUST_E_NOSIGNATURE  ? "it is not signed"
                 : status == TRUST_E_BAD_DIGEST ? "its signature does not match its contents"
                                                : "its signature does not verify");
        rc = BS_E_INTEGRITY;
    } else {
        char name[256];
        signer_name(wd.hWVTStateData, name, sizeof(name));
        if (strcmp(name, publisher) != 0) {
            snprintf(signer, size, "it is signed by %s, not %s", name[0] ? name : "someone",
                     publisher);
            rc = BS_E_INTEGRITY;
        } else {
            snprintf(signer, size, "%s", name);
        }
    }
    wd.dwStateAction = WTD_STATEACTION_CLOSE;
    WinVerifyTrust(NULL, &action, &wd);
    free(w);
    return rc;
}
