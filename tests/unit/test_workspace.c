#include "unit.h"
void test_workspace(void) {}
