/*
 * people.h: the people of every client at once (SPEC sections 2 and 7).
 *
 * A client's addresses are its [contact], [escalation] and [person KEY]
 * e-mails and its emails key.  Mail from an address two clients share
 * goes to neither (mail import takes no sides), so such an address is
 * worth a warning: at each of its places after the first, naming the
 * first, in a sort that does not depend on the order files were read.
 */
#ifndef RAPPORT_PEOPLE_H
#define RAPPORT_PEOPLE_H

#include <stddef.h>

#include "diag.h"
#include "workspace.h"

/*
 * Warns about every address of a client of ws (loaded, whole or slim)
 * that another client has too (compared in lower case); returns how many
 * warnings.
 */
size_t	people_check_unique(const struct workspace *, struct diags *);

#endif
