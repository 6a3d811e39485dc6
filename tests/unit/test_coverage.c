/* test_coverage.c — the coverage algebra (src/coverage.c) and the selection
   gates (src/selection.c) over catalogues parsed in memory: the level each
   relation gives from each source status, forward and in reverse, and the
   ISMAP-style gates. */
#include "unit.h"

#include "lang/catalog.h"
#include "lang/lower.h"
#include "answers/control_answers.h"
#include "frameworks/coverage.h"
#include "lang/modules.h"
#include "frameworks/selection.h"

typedef struct catalogue_run {
    arena region;
    diag_list diags;
    module_set modules;
    const catalog *catalogue;
} catalogue_run;

static const char relations_text[] =
    "tenken 1\nmodule m\n"
    "framework src \"S\" edition \"1\" {\n"
    "  control \"eq\" \"e\"  control \"el\" \"l\"  control \"sub\" \"s\"\n"
    "  control \"sup\" \"p\"  control \"int\" \"i\"  control \"no\" \"n\"\n"
    "}\n"
    "framework dst \"D\" edition \"1\" {\n"
    "  control \"eq\" \"e\"  control \"el\" \"l\"  control \"sub\" \"s\"\n"
    "  control \"sup\" \"p\"  control \"int\" \"i\"  control \"no\" \"n\"  control \"new\" \"w\"\n"
    "}\n"
    "map src -> dst {\n"
    "  \"eq\" equivalent \"eq\"  \"el\" equal \"el\"  \"sub\" subset-of \"sub\"\n"
    "  \"sup\" superset-of \"sup\"  \"int\" intersects \"int\"  \"no\" no-relationship\n"
    "  new \"new\"\n"
    "}\n";

static void load(catalogue_run *run, const char *text) {
    arena_init(&run->region);
    diag_list_init(&run->diags);
    memset(&run->modules, 0, sizeof run->modules);
    source *file = source_from_text(&run->region, "catalogue.tkn", text, strlen(text));
    search_path none = {NULL, 0};
    cr_assert(modules_load_source(&run->region, file, &none, &run->diags, &run->modules));
    run->catalogue = catalog_build(&run->region, &run->modules, run->modules.modules[0],
                                   &run->diags);
    cr_assert_eq(run->diags.count, 0, "unexpected diagnostic: %s",
                 run->diags.count ? run->diags.items[0]->message : "");
}

static void release(catalogue_run *run) {
    diag_list_release(&run->diags);
    arena_release(&run->region);
}

/* Every source control with one status. */
static control_answers *all_stated(catalogue_run *run, const char *framework,
                                   control_status status) {
    const catalog_framework *from = catalog_find(run->catalogue, framework);
    control_answers *answers = ARENA_NEW(&run->region, control_answers);
    for (size_t index = 0; index < from->node_count; index++) {
        control_answer *answer = ARENA_NEW(&run->region, control_answer);
        answer->status = status;
        answer->reason = status == CONTROL_EXCLUDED ? "r" : NULL;
        strmap_put(&run->region, &answers->by_id, from->nodes[index]->id, answer);
    }
    return answers;
}

/* "eq=full el=full …" for every target control, in order. */
static const char *levels(catalogue_run *run, const char *from_id, const char *to_id,
                          const control_answers *answers) {
    const catalog_framework *from = catalog_find(run->catalogue, from_id);
    const catalog_framework *to = catalog_find(run->catalogue, to_id);
    const coverage_report *report = coverage_compute(&run->region, run->catalogue, from, to,
                                                     answers, "test", &run->diags);
    cr_assert_not_null(report);
    char *text = "";
    for (size_t index = 0; index < report->control_count; index++)
        text = arena_printf(&run->region, "%s%s%s=%s", text, index ? " " : "",
                            report->controls[index].target->id,
                            coverage_level_name(report->controls[index].level));
    return text;
}

Test(coverage, implemented_sources_give_full_or_partial_by_relation) {
    catalogue_run run;
    load(&run, relations_text);
    cr_assert_str_eq(levels(&run, "src", "dst", NULL),
                     "eq=full el=full sub=partial sup=full int=partial no=none new=none");
    cr_assert_str_eq(levels(&run, "src", "dst", all_stated(&run, "src", CONTROL_IMPLEMENTED)),
                     "eq=full el=full sub=partial sup=full int=partial no=none new=none");
    release(&run);
}

Test(coverage, partial_sources_give_partial_through_every_relation) {
    catalogue_run run;
    load(&run, relations_text);
    cr_assert_str_eq(levels(&run, "src", "dst", all_stated(&run, "src", CONTROL_PARTIAL)),
                     "eq=partial el=partial sub=partial sup=partial int=partial no=none "
                     "new=none");
    release(&run);
}

Test(coverage, sources_not_implemented_excluded_or_unstated_give_nothing) {
    catalogue_run run;
    load(&run, relations_text);
    const char *nothing = "eq=none el=none sub=none sup=none int=none no=none new=none";
    cr_assert_str_eq(levels(&run, "src", "dst", all_stated(&run, "src", CONTROL_NOT)), nothing);
    cr_assert_str_eq(levels(&run, "src", "dst", all_stated(&run, "src", CONTROL_EXCLUDED)),
                     nothing);
    control_answers *unstated = ARENA_NEW(&run.region, control_answers);
    cr_assert_str_eq(levels(&run, "src", "dst", unstated), nothing);
    unstated->certified = true; /* a certificate makes the unstated implemented */
    cr_assert_str_eq(levels(&run, "src", "dst", unstated),
                     "eq=full el=full sub=partial sup=full int=partial no=none new=none");
    release(&run);
}

Test(coverage, a_map_read_in_reverse_swaps_subset_and_superset) {
    catalogue_run run;
    load(&run, relations_text);
    cr_assert_str_eq(levels(&run, "dst", "src", NULL),
                     "eq=full el=full sub=full sup=partial int=partial no=none");
    cr_assert_eq(relation_inverse(RELATION_SUBSET_OF), RELATION_SUPERSET_OF);
    cr_assert_eq(relation_inverse(RELATION_INTERSECTS), RELATION_INTERSECTS);
    release(&run);
}

Test(coverage, the_best_row_wins_and_every_row_is_listed) {
    catalogue_run run;
    load(&run, "tenken 1\nmodule m\n"
               "framework a \"A\" edition \"1\" { control \"1\" \"x\" control \"2\" \"y\" }\n"
               "framework b \"B\" edition \"1\" { control \"1\" \"x\" }\n"
               "map a -> b { \"1\" intersects \"1\" \"2\" equivalent \"1\" }\n");
    const catalog_framework *from = catalog_find(run.catalogue, "a");
    const catalog_framework *to = catalog_find(run.catalogue, "b");
    const coverage_report *report = coverage_compute(&run.region, run.catalogue, from, to, NULL,
                                                     "test", &run.diags);
    cr_assert_eq(report->controls[0].level, COVERAGE_FULL);
    cr_assert_eq(report->controls[0].via_count, 2);
    cr_assert_eq(report->controls[0].via[0].gives, COVERAGE_PARTIAL);
    cr_assert_eq(report->counts[COVERAGE_FULL], 1);
    release(&run);
}

static const char criteria_text[] =
    "tenken 1\nmodule m\n"
    "framework c \"C\" edition \"1\" {\n"
    "  clause \"3\" \"governance\" mandatory\n"
    "  clause \"5\" \"controls\" {\n"
    "    objective \"5.1\" \"a\" { detail \"5.1.1\" \"a1\" mandatory detail \"5.1.2\" \"a2\" }\n"
    "    objective \"5.2\" \"b\" { detail \"5.2.1\" \"b1\" }\n"
    "    objective \"5.3\" \"c\" { detail \"5.3.1\" \"c1\" }\n"
    "  }\n"
    "  gate mandatory_selected = every mandatory selected\n"
    "  gate objectives_apply = every objective applies\n"
    "  gate details_selected = every applied objective selects detail\n"
    "}\n";

static control_answers *stated(catalogue_run *run, const char *const *pairs, size_t count) {
    control_answers *answers = ARENA_NEW(&run->region, control_answers);
    for (size_t index = 0; index < count; index += 2) {
        control_answer *answer = ARENA_NEW(&run->region, control_answer);
        answer->status = (control_status)(pairs[index + 1][0] - '0');
        answer->reason = answer->status == CONTROL_EXCLUDED ? "reason" : NULL;
        strmap_put(&run->region, &answers->by_id, pairs[index], answer);
    }
    return answers;
}

static const char *missing(const selection_result *result) {
    static char text[256];
    text[0] = '\0';
    for (size_t index = 0; index < result->missing_count; index++) {
        if (index) strcat(text, " ");
        strcat(text, result->missing[index]->id);
    }
    return text;
}

Test(selection, a_missing_objective_and_an_objective_without_a_detail_fail) {
    catalogue_run run;
    load(&run, criteria_text);
    /* 1 implemented, 2 partial, 3 not, 4 excluded */
    const char *const pairs[] = {"3", "1", "5.1.1", "1", "5.2", "1", "5.2.1", "3"};
    const catalog_framework *framework = catalog_find(run.catalogue, "c");
    const selection_result *results =
        selection_evaluate(&run.region, framework, stated(&run, pairs, 8));
    cr_assert(results[0].passed);
    cr_assert_not(results[1].passed);
    cr_assert_str_eq(missing(&results[1]), "5.3");
    cr_assert_not(results[2].passed);
    cr_assert_str_eq(missing(&results[2]), "5.2");
    release(&run);
}

Test(selection, excluded_objectives_pass_and_mandatory_nodes_cannot_be_excluded) {
    catalogue_run run;
    load(&run, criteria_text);
    const char *const pairs[] = {"3", "4", "5.1.1", "2", "5.2.1", "1", "5.3", "4"};
    const catalog_framework *framework = catalog_find(run.catalogue, "c");
    const selection_result *results =
        selection_evaluate(&run.region, framework, stated(&run, pairs, 8));
    cr_assert_not(results[0].passed);
    cr_assert_str_eq(missing(&results[0]), "3");
    cr_assert(results[1].passed);
    cr_assert(results[2].passed);
    release(&run);
}

/* The catalogue holds its own tree: parents, children and depths, and its
   own copies of ids and titles once the syntax trees are gone. */
Test(catalog, nodes_know_their_parents_children_and_depth) {
    catalogue_run run;
    load(&run, criteria_text);
    const catalog_framework *framework = catalog_find(run.catalogue, "c");
    const catalog_control *detail = catalog_node(framework, "5.1.2");
    cr_assert_not_null(detail);
    cr_assert_eq(detail->depth, 2);
    cr_assert_str_eq(detail->parent->id, "5.1");
    cr_assert_str_eq(catalog_top(detail)->id, "5");
    cr_assert_eq(detail->parent->child_count, 2);
    cr_assert_eq(detail->parent->children[1], detail);
    cr_assert_str_eq(graph_text_pick(&detail->title, "ja"), "a2");
    cr_assert_eq(framework->gate_count, 3);
    cr_assert_str_eq(framework->gates[2].name, "details_selected");
    release(&run);
}
