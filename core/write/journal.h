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
 * Nothing read here is trusted yet: recover.c checks every path and the
 * ref (wpath.h) before it acts on any.
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

/*
 * The largest journal: read whole by recovery, so a planted one (a link
 * to /dev/zero gave a gigabyte in 2.5 s) must not be read without limit.
 * A change of 100,000 files, the largest merge tested, writes 27 to 35
 * MB: its file and index records take 265 bytes for clients/ledgerly.md
 * in /tmp/jm/ws (measured), some 350 for a client in a subfolder of a
 * workspace in a home folder.  A change whose journal would be larger is
 * refused before it touches anything.
 */
#define JOURNAL_MAX	((size_t)64 << 20)

/*
 * Writes j to path, durably and whole.  0, or -1 with errno set (EFBIG:
 * it would be over JOURNAL_MAX).
 */
int	journal_write(const char *path, const struct journal *j);
/*
 * Reads the journal at path into j (journal_free releases it).  Returns
 * 0; 1 when there is none; -1 when it is a regular file that is not a
 * whole journal; -2 when it is no regular file (a folder, a FIFO, a
 * device, a link: none is ever opened), is over JOURNAL_MAX or cannot be
 * opened: *what is then an allocated phrase saying what it is ("a
 * folder", "a symbolic link to /dev/zero", ...).
 */
int	journal_read(const char *path, struct journal *j, char **what);
void	journal_free(struct journal *);

#endif
