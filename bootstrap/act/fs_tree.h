/*
 * fs_tree.h: making and removing directory trees.
 */
#ifndef BS_FS_TREE_H
#define BS_FS_TREE_H

/* mkdir -p: creates path and its missing parents with mode; 0 or -errno. */
int bs_make_dirs(const char *path, unsigned mode);
/* Removes a directory tree (staging cleanup); symlinks are removed, never followed. */
int bs_remove_tree(const char *path);

#endif
