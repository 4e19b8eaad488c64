/*
 * mdmem.h: the memory cmark parses and renders one document in.
 *
 * cmark allocates every node, every line and every rendered string one by
 * one; on a full build that was a tenth of all CPU time spent in malloc and
 * free.  A document's memory all dies together (cmark_node_free), so it
 * comes from one arena per thread instead, reused from one document to the
 * next: an allocation is a pointer bump, a free of anything but the newest
 * block is nothing, and the blocks stay mapped, so the pages are not faulted
 * in again for every file.
 *
 *	mem = mdmem_begin();		(this thread's arena, empty)
 *	parser = cmark_parser_new_with_mem(opts, mem);
 *	...				(every node and string from mem)
 *	cmark_node_free(doc);
 *	mdmem_end();			(everything from mem is gone)
 *
 * Between begin and end, everything cmark returns (cmark_render_html's
 * string too) is freed with mem->free, never with free(3).  cmark_mem has
 * no context pointer, so the arena is the calling thread's: begin and end
 * on the same thread, one document at a time per thread.  Out of memory
 * ends the program, as the x* functions of util.h do.
 */
#ifndef RAPPORT_MDMEM_H
#define RAPPORT_MDMEM_H

#include <cmark.h>

cmark_mem	*mdmem_begin(void);
/*
 * Forgets every allocation since mdmem_begin; keeps blocks of up to
 * MDMEM_KEEP bytes for the next document and returns the rest to the
 * system.  A thread's blocks are all returned when it exits.
 */
void		 mdmem_end(void);

#define MDMEM_KEEP	((size_t)4 << 20)

#endif
