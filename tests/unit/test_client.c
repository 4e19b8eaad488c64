#include "unit.h"
void test_client(void) {}
