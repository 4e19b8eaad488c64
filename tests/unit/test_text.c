#include "unit.h"
void test_text(void) {}
