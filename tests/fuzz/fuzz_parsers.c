/*
 * fuzz_parsers.c: libFuzzer target for every probe parser and the archive path policy. The first
 * byte picks the parser; the rest is the text a tool or file would have given it. Any crash, leak
 * or sanitizer report is a bug: parsers read what other programs print.
 */
#include "act/path_policy.h"
#include "core/pep440.h"
#include "probe/parse_index.h"
#include "probe/parse_metadata.h"
#include "probe/parse_pip.h"
#include "probe/parse_ldcache.h"
#include "probe/parse_meminfo.h"
#include "probe/parse_nvidia_proc.h"
#include "probe/parse_nvidia_smi.h"
#include "probe/parse_os_release.h"
#include "probe/parse_pe.h"
#include "decide/cudnn.h"
#include "probe/parse_python.h"
#include "probe/parse_rocm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    bs_facts f;
    bs_facts_init(&f);
    char out[64];
    switch (data[0] % 16) {
    case 0:
        bs_parse_nvidia_query(text, BS_NVSMI_QUERY_FIELDS, &f);
        break;
    case 1:
        bs_parse_nvidia_table(text, true, &f);
        break;
    case 2:
        bs_parse_nvidia_module_version(text, out, sizeof(out));
        break;
    case 3: {
        bs_os_release rel;
        bs_parse_os_release(text, &rel);
        break;
    }
    case 4:
        bs_parse_rocm_smi_csv(text, &f);
        break;
    case 5: {
        char archs[8][16];
        bs_parse_rocm_agents(text, archs, 8);
        break;
    }
    case 6:
        bs_ldcache_has(data + 1, size - 1, "libGL.so.1");
        break;
    case 7:
        bs_parse_meminfo_total_mib(text);
        break;
    case 9: {
        /* the archive path policy: each line is an entry name, then a link target */
        bs_name_set seen;
        char norm[4096];
        const char *why;
        bs_name_set_init(&seen);
        for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
            bs_path_check(line, &seen, norm, sizeof(norm), &why);
            bs_link_target_inside(norm, line);
        }
        bs_name_set_free(&seen);
        break;
    }
    case 10:
    case 11: {
        bs_index_page page;
        bs_index_page_init(&page);
        bs_index_parse(text,
                       data[0] % 16 == 10 ? "text/html" : "application/vnd.pypi.simple.v1+json",
                       "https://idx.example/simple/torch/", &page);
        for (size_t i = 0; i < page.count; i++) {
            bs_wheel_name w;
            if (bs_wheel_name_parse(page.files[i].filename, &w))
                bs_wheel_fits(&w, "3.11", "linux", "x86_64");
        }
        bs_index_page_free(&page);
        break;
    }
    case 12: {
        char spec[128];
        const char *extras[] = {"xformers", NULL};
        bs_marker_env env = {"linux", "x86_64", "3.11", extras};
        bs_metadata_requirement(text, "torch", &env, spec, sizeof(spec));
        bs_metadata_field(text, "Requires-Python", spec, sizeof(spec));
        break;
    }
    case 13: {
        bs_pip_report r;
        bs_pip_report_init(&r);
        bs_pip_report_parse(text, &r);
        bs_pip_report_free(&r);
        bs_torch_answer a;
        bs_torch_answer_parse(text, &a);
        break;
    }
    case 14: {
        /* "version specifier" halves of one line */
        char *bar = strchr(text, '|');
        if (bar) {
            *bar = '\0';
            bs_pep440_matches(text, bar + 1);
            bs_pep440_cmp_str(text, bar + 1);
        }
        break;
    }
    case 15: {
        /* a DLL's bytes, and the cuDNN readings of text */
        unsigned v[4];
        bs_pe_buffer b = {data + 1, size - 1};
        bs_pe_file_version(bs_pe_read_buffer, &b, v);
        bs_cudnn_version cv;
        int cuda;
        bs_cudnn_parse_archive_name(text, &cv, &cuda);
        bs_cudnn_parse_version_header(text, &cv);
        bs_cudnn_dll_major(text);
        break;
    }
    default: {
        bs_python_answer a;
        bs_parse_python_answer(text, &a);
        bs_nvsmi_classify_failure(text);
        break;
    }
    }
    free(text);
    return 0;
}
