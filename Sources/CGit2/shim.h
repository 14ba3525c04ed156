#include <git2.h>
#include <git2/sys/repository.h>
#include <malloc.h>

// git_libgit2_opts is variadic, which Swift cannot call; these fixed-argument wrappers are the
// options Parapet sets.
static inline int parapet_git_set_strict_hash_verification(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

static inline int parapet_git_set_cache_max_size(ssize_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

static inline int parapet_git_set_pack_mapping(size_t window, size_t mapped_limit) {
  int status = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window);
  return status != 0 ? status : git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, mapped_limit);
}

static inline int parapet_limit_malloc_arenas(int count) {
  return mallopt(M_ARENA_MAX, count);
}

// Frees a handle's odb (its packs' mappings and delta-base cache) and caches, then returns the
// heap pages that frees to the system.
static inline void parapet_git_release_caches(git_repository *repo) {
  git_repository__cleanup(repo);
  malloc_trim(0);
}
