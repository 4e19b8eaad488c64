/*
 * journal.h: what a change being put in place is about to do, written
 * before it touches the work tree, so that the next rapport after a crash
 * can finish the change (the branch moved) or take it back (it did not).
 *
 * The journal is GITDIR/rapport/journal, replaced whole and flushed
 * (file_write_atomic): it is either absent, or complete.  It is text, one
 * record a line, paths in hexadecimal so that no name can break a line:
 *
 *	rapport-journal 1
 *	ref HEXNAME			the branch the change moves
 *	old ID|none			where it pointed (none: unborn)
 *	new ID|-			the change's commit (-: it puts
 *					files in place without committing,
 *					and is taken back unless it made
 *					a merge in progress:)
 *	merge ID			the commit the change records as
 *					being merged in (GITDIR/MERGE_HEAD:
 *					once that names ID, the change is
 *					whole)
 *	file HEXPATH HEXBACKUP|- ID|-	a work-tree file the change writes
 *					(or removes: -), and where its old
 *					content is kept (-: it had none)
 *	index HEXPATH ID|- MODE		what git's index gets for a path
 *	stages ID|- MODE ID|- MODE ID|- MODE
 *					or, after its index line, the
 *					conflict it gets instead (stages
 *					1 to 3; -: that side has none)
 *	end
 *
 * Paths are relative to the repository's work tree; backups are absolute.
 */
#ifndef RAPPORT_JOURNAL_H
#define RAPPORT_JOURNAL_H

#include <stddef.h>

#include <git2.h>

struct journal_file {
	char		*path;
	char		*backup;	/* NULL: the file did not exist */
	git_oid		 id;		/* its content after the change */
	int		 removed;	/* the change removes it (no id) */
};

struct journal_index {
	char		*path;
	git_oid		 id;
	int		 removed;	/* the path leaves the index */
	unsigned	 mode;
	int		 conflict;	/* stages instead of id: */
	git_oid		 stage[3];
	int		 nostage[3];	/* that side has none */
	unsigned	 stage_mode[3];
};

struct journal {
	char			*ref;
	git_oid			 old;
	int			 unborn;	/* old is none */
	git_oid			 new;
	int			 nocommit;	/* new is - */
	int			 merging;	/* a merge line: */
	git_oid			 merge;
	struct journal_file	*files;
	size_t			 nfiles;
	struct journal_index	*index;
	size_t			 nindex;
};

/* Writes j to path, durably and whole.  0, or -1 with errno set. */
int	journal_write(const char *path, const struct journal *j);
/*
 * Reads the journal at path into j (journal_free releases it).  Returns
 * 0, 1 when there is none, -1 when it cannot be read or is not whole.
 */
int	journal_read(const char *path, struct journal *j);
void	journal_free(struct journal *);

#endif
