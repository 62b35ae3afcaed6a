/* ld_run_table.h -- the objectives and update rules the runner (ld_run.h) knows, by name.
 * Adding one: write src/core/ld_objective_<name>.c defining `const ld_objective
 * ld_objective_<name>` (or src/core/ld_update_<name>.c defining `const ld_update
 * ld_update_<name>`) and add X(<name>) to the list below. */
#ifndef LD_RUN_TABLE_H
#define LD_RUN_TABLE_H

#include "ld_run.h"

#define LD_OBJECTIVE_LIST(X) X(moments) X(completion) X(sensing) X(batch) X(diagonal)
#define LD_UPDATE_LIST(X) X(gd) X(momentum) X(adam)

#define LD_DECLARE_OBJECTIVE(name) extern const ld_objective ld_objective_##name;
#define LD_DECLARE_UPDATE(name) extern const ld_update ld_update_##name;
LD_OBJECTIVE_LIST(LD_DECLARE_OBJECTIVE)
LD_UPDATE_LIST(LD_DECLARE_UPDATE)
#undef LD_DECLARE_OBJECTIVE
#undef LD_DECLARE_UPDATE

/* The objective / update rule called name, or NULL. */
const ld_objective *ld_objective_find(const char *name);
const ld_update *ld_update_find(const char *name);

/* The number of names in a NULL-terminated list (an objective's arrays or params, an
 * update rule's hypers). */
ptrdiff_t ld_name_count(const char *const *names);

#endif /* LD_RUN_TABLE_H */
