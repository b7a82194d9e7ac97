/*
 * echod: a TCP echo service. Listens on ECHOD_PORT (default 7777) at ECHOD_BIND (default all
 * addresses), sends back whatever each client writes, and stops cleanly on SIGTERM or SIGINT.
 * At start it writes $HOME/echod.started, which shows the data volume is writable.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef VERSION
#define VERSION "dev"
#endif

#define MAX_CLIENTS 64

static volatile sig_atomic_t stopping;

static void on_signal(int signal_number)
{
    (void)signal_number;
    stopping = 1;
}

static void die(const char *what)
{
    fprintf(stderr, "echod: %s: %s\n", what, strerror(errno));
    exit(1);
}

static const char *env_or(const char *name, const char *fallback)
{
    const char *value = getenv(name);
    return value != NULL && *value != '\0' ? value : fallback;
}

static void install_signal_handlers(void)
{
    struct sigaction action;

    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    /* No SA_RESTART: poll() must return EINTR so the loop sees the stop request. */
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    signal(SIGPIPE, SIG_IGN);
}

static int listen_on(const char *address, int port)
{
    struct sockaddr_in socket_address;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        die("socket");
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&socket_address, 0, sizeof socket_address);
    socket_address.sin_family = AF_INET;
    socket_address.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, address, &socket_address.sin_addr) != 1) {
        fprintf(stderr, "echod: ECHOD_BIND '%s' is not an IPv4 address\n", address);
        exit(2);
    }
    if (bind(fd, (struct sockaddr *)&socket_address, sizeof socket_address) < 0)
        die("bind");
    if (listen(fd, 16) < 0)
        die("listen");
    return fd;
}

static void write_started_file(int port)
{
    char path[4096];
    FILE *file;

    snprintf(path, sizeof path, "%s/echod.started", env_or("HOME", "."));
    file = fopen(path, "w");
    if (file == NULL)
        die(path);
    fprintf(file, "pid=%ld\nport=%d\nversion=%s\n", (long)getpid(), port, VERSION);
    if (fclose(file) != 0)
        die(path);
}

/* Returns 0 when the client is gone. */
static int echo_once(int fd)
{
    char buffer[4096];
    ssize_t got = read(fd, buffer, sizeof buffer);
    ssize_t sent = 0;

    if (got <= 0)
        return got < 0 && errno == EINTR;
    while (sent < got) {
        ssize_t n = write(fd, buffer + sent, (size_t)(got - sent));
        if (n < 0)
            return 0;
        sent += n;
    }
    return 1;
}

static void serve(int listener)
{
    struct pollfd fds[MAX_CLIENTS + 1];
    nfds_t count = 1;

    fds[0].fd = listener;
    fds[0].events = POLLIN;
    while (!stopping) {
        if (poll(fds, count, -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        for (nfds_t i = count; i-- > 1;) {
            if (fds[i].revents != 0 && !echo_once(fds[i].fd)) {
                close(fds[i].fd);
                fds[i] = fds[--count];
            }
        }
        if ((fds[0].revents & POLLIN) != 0) {
            int client = accept(listener, NULL, NULL);
            if (client >= 0 && count <= MAX_CLIENTS) {
                fds[count].fd = client;
                fds[count].events = POLLIN;
                count++;
            } else if (client >= 0) {
                close(client);
            }
        }
    }
    for (nfds_t i = 0; i < count; i++)
        close(fds[i].fd);
}

int main(void)
{
    const char *address = env_or("ECHOD_BIND", "0.0.0.0");
    int port = atoi(env_or("ECHOD_PORT", "7777"));
    int listener;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "echod: ECHOD_PORT must be a port number\n");
        return 2;
    }
    install_signal_handlers();
    listener = listen_on(address, port);
    write_started_file(port);
    printf("echod %s listening on %s:%d\n", VERSION, address, port);
    serve(listener);
    printf("echod %s stopping\n", VERSION);
    return 0;
}
