/* cyberinfo: prints one known line, so a test can tell the image ran. */
#include <stdio.h>

#ifndef VERSION
#define VERSION "dev"
#endif

int main(void)
{
    printf("cyberinfo %s: hello from cybernode\n", VERSION);
    return 0;
}
