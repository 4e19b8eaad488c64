#include "unit.h"
void test_entry(void) {}
