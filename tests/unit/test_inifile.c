#include "unit.h"
void test_inifile(void) {}
