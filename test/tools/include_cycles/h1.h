/* h1.h and h2.h include each other (guarded, so it compiles). */
#ifndef H1_H
#define H1_H
#include "h2.h"
#endif
