#ifndef H2_H
#define H2_H
#include "h1.h"
#endif
