/* ticker: prints TICKER_COUNT ticks (default 3), TICKER_INTERVAL_MS apart (default 200), then exits. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifndef VERSION
#define VERSION "dev"
#endif

static long env_number(const char *name, long fallback)
{
    const char *text = getenv(name);
    char *end;
    long value;

    if (text == NULL || *text == '\0')
        return fallback;
    value = strtol(text, &end, 10);
    if (*end != '\0' || value < 0) {
        fprintf(stderr, "ticker: %s must be a whole number, not '%s'\n", name, text);
        exit(2);
    }
    return value;
}

int main(void)
{
    long count = env_number("TICKER_COUNT", 3);
    long interval_ms = env_number("TICKER_INTERVAL_MS", 200);
    struct timespec pause = { interval_ms / 1000, (interval_ms % 1000) * 1000000L };

    for (long i = 1; i <= count; i++) {
        printf("ticker %s: tick %ld/%ld\n", VERSION, i, count);
        fflush(stdout);
        if (i < count)
            nanosleep(&pause, NULL);
    }
    return 0;
}
