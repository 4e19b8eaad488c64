#include "unit.h"
void test_date(void) {}
