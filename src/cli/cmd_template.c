/*
 * cmd_template.c — `tenken template RULES`: a blank answer file for the
 * rules, to fill in and evaluate with `tenken eval`.
 */
#include "cli/cli.h"
#include "cli/rules_writer.h"

static const char template_help[] =
    "usage: tenken template [OPTIONS] RULES\n"
    "\n"
    "Write a blank answer file (YAML) for the rules: the header keys, every fact\n"
    "with its type, default and description, and every item of every checklist\n"
    "with an empty answer, after comments giving its texts, the conditions that\n"
    "exclude it and its options with their points. Evaluated unchanged, every item\n"
    "is unanswered (or excluded by the facts' defaults).\n"
    "\n"
    "options:\n"
    "  -I DIR               search DIR for imported modules (repeatable)\n"
    "  --variant=NAME       the template of a variant the rule file declares\n"
    "  --lang=LANG          ja (default) or en: the language of the comments\n"
    "  -o FILE              write FILE instead of standard output; it is replaced\n"
    "                       atomically (also --output=FILE)\n"
    "  --color=WHEN         auto (default), always or never: colours in diagnostics\n"
    "\n"
    "exit status: 0 written, 1 errors in the rules, 2 usage or I/O error\n";

int cmd_template(int argc, char **argv) {
    return cli_run_rules_writer(argc, argv, "template", template_help, tk_write_template);
}
