#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sum.h>

/// The Mersenne Twister generator type (a global variable in GSL, read through a function so
/// that Swift does not see a mutable global).
static inline const gsl_rng_type *cgsl_mt19937(void) { return gsl_rng_mt19937; }
#endif
