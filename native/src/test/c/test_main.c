/*
 * Runs every C test and exits nonzero on a failure. The build links with -Wl,--wrap=malloc (and calloc, realloc),
 * so every allocation passes through the counters below: a test proves an audio-thread call allocates nothing.
 */
#include <stddef.h>
#include <stdio.h>

#include "test_runner.h"

int test_checks;
int test_failures;
static int tests_run;

void run_test(const char *name, void (*test)(void))
{
    int failures_before = test_failures;
    test();
    tests_run++;
    printf("  %-52s %s\n", name, test_failures == failures_before ? "ok" : "FAILED");
}

/* Only the calling thread's allocations count: the core's background thread allocates as it likes. */
static _Thread_local long allocations;

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *pointer, size_t size);

void *__wrap_malloc(size_t size)
{
    allocations++;
    return __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size)
{
    allocations++;
    return __real_calloc(count, size);
}

void *__wrap_realloc(void *pointer, size_t size)
{
    allocations++;
    return __real_realloc(pointer, size);
}

void allocations_reset(void)
{
    allocations = 0;
}

long allocations_counted(void)
{
    return allocations;
}

int main(void)
{
    printf("Continuo C plug-in tests\n");
    player_tests();
    host_clock_tests();
    link_tests();
    core_tests();
    lv2_tests();
    state_tests();
    clap_params_tests();
    clap_tests();
    vst3_tests();
    au_tests();
    au_state_tests();
    printf("%d tests, %d checks, %d failed\n", tests_run, test_checks, test_failures);
    return test_failures == 0 ? 0 : 1;
}
