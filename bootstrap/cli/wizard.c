/*
 * wizard.c: questions on the terminal.
 */
#include "cli/wizard.h"
#include "core/strutil.h"

#include <string.h>

void bs_wizard_summary(FILE *out, const bs_facts *f, const bs_report *r)
{
    const bs_gpu *g = bs_facts_compute_gpu(f);
    fprintf(out, "  %s %s, %s\n", bs_os_name(f->os), f->arch, g ? g->name : "no GPU found");
    for (int i = 0; i < r->count; i++) {
        const bs_check *c = &r->checks[i];
        if (c->status == BS_PASS)
            continue;
        fprintf(out, "  %-4s %s: %s\n", bs_status_name(c->status), c->id, c->summary);
        if (c->fix[0])
            fprintf(out, "       fix: %s\n", c->fix);
    }
}

int bs_wizard_ask(const char *question, const char *def, char *out, size_t size)
{
    char line[1024];
    printf("%s [%s]: ", question, def);
    fflush(stdout);
    if (!fgets(line, sizeof(line), stdin))
        return -1;
    bs_trim(line);
    bs_strlcpy(out, line[0] ? line : def, size);
    return 0;
}

bool bs_wizard_yes(const char *question)
{
    char line[64];
    printf("%s [Y/n] ", question);
    fflush(stdout);
    if (!fgets(line, sizeof(line), stdin))
        return false;
    bs_trim(line);
    return line[0] == '\0' || line[0] == 'y' || line[0] == 'Y';
}
