/* A tiny assert-based test runner: CHECK counts and reports, run_test names each test. */
#ifndef CONTINUO_TEST_RUNNER_H
#define CONTINUO_TEST_RUNNER_H

#include <stdio.h>

extern int test_checks;
extern int test_failures;

#define CHECK(condition)                                                                                      \
    do {                                                                                                       \
        test_checks++;                                                                                         \
        if (!(condition)) {                                                                                    \
            test_failures++;                                                                                   \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition);                     \
        }                                                                                                      \
    } while (0)

#define CHECK_EQ(actual, expected)                                                                            \
    do {                                                                                                       \
        long long actual_value = (long long)(actual), expected_value = (long long)(expected);                  \
        test_checks++;                                                                                         \
        if (actual_value != expected_value) {                                                                  \
            test_failures++;                                                                                   \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s is %lld, expected %lld\n", __FILE__, __LINE__, #actual,  \
                    actual_value, expected_value);                                                             \
        }                                                                                                      \
    } while (0)

void run_test(const char *name, void (*test)(void));

/* Allocations (malloc, calloc, realloc) made on the calling thread since the last reset (see test_main.c). */
void allocations_reset(void);
long allocations_counted(void);

/* The test groups. */
void player_tests(void);
void host_clock_tests(void);
void link_tests(void);
void core_tests(void);
void lv2_tests(void);
void state_tests(void);
void clap_tests(void);
void clap_params_tests(void);
void vst3_tests(void);
void au_tests(void);
void au_state_tests(void);

#endif
