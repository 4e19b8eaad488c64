/*
 * signals.c: what SIGINT, SIGTERM, SIGHUP and SIGQUIT may interrupt.
 *
 * Two rules keep an interrupted command from leaving anything half done.
 * A command that commits holds these signals from taking the workspace
 * lock until it has let go of it (cli_change, cli_change_end): that
 * stretch lasts milliseconds, and a signal that arrives in it is acted on
 * right after, with the lock gone and the files and git agreeing.  A build, which
 * takes seconds, catches them (cli_catch): the handler only asks the
 * worker threads to stop (run_stop), and the build then removes what it
 * had staged and leaves the site as it was; it holds them while it puts
 * the pages in place.
 */
#include <signal.h>
#include <string.h>

#include "cli.h"
#include "util.h"

static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static volatile sig_atomic_t got;

static void
on_signal(int sig)
{
	got = sig;
	run_stop();
}

static void
mask(int how)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		sigaddset(&set, caught[i]);
	sigprocmask(how, &set, NULL);
}

void
cli_hold(void)
{
	mask(SIG_BLOCK);
}

void
cli_release(void)
{
	mask(SIG_UNBLOCK);
}

void
cli_catch(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		sigaction(caught[i], &sa, NULL);
}

int
cli_caught(void)
{
	return got;
}

