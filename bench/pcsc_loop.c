/* The peer for `make bench`: APDU round trips straight on libpcsclite, no BuergerHAL.
 * Usage: pcsc_loop READER-PREFIX COUNT
 * Prints: apdus=N seconds=S rate=R   (R = round trips per second)
 * Sends SELECT MF (00 A4 00 0C 02 3F 00) COUNT times on one shared connection. */
#include <PCSC/winscard.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int fail(const char *what, LONG rv) {
    fprintf(stderr, "pcsc_loop: %s: %s (0x%lX)\n", what, pcsc_stringify_error(rv), (unsigned long)rv);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s READER-PREFIX COUNT\n", argv[0]);
        return 2;
    }
    long count = strtol(argv[2], NULL, 10);
    SCARDCONTEXT context;
    LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &context);
    if (rv != SCARD_S_SUCCESS) return fail("SCardEstablishContext", rv);

    char readers[4096];
    DWORD length = sizeof readers;
    rv = SCardListReaders(context, NULL, readers, &length);
    if (rv != SCARD_S_SUCCESS) return fail("SCardListReaders", rv);
    const char *reader = NULL;
    for (const char *name = readers; *name; name += strlen(name) + 1) {
        if (strncmp(name, argv[1], strlen(argv[1])) == 0) { reader = name; break; }
    }
    if (!reader) {
        fprintf(stderr, "pcsc_loop: no reader starts with \"%s\"\n", argv[1]);
        return 1;
    }

    SCARDHANDLE card;
    DWORD protocol;
    rv = SCardConnect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
    if (rv != SCARD_S_SUCCESS) return fail("SCardConnect", rv);
    const SCARD_IO_REQUEST *pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;

    static const BYTE select_mf[] = {0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00};
    BYTE response[258];
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < count; i++) {
        DWORD received = sizeof response;
        rv = SCardTransmit(card, pci, select_mf, sizeof select_mf, NULL, response, &received);
        if (rv != SCARD_S_SUCCESS) return fail("SCardTransmit", rv);
        if (received < 2 || response[received - 2] != 0x90) {
            fprintf(stderr, "pcsc_loop: unexpected status word\n");
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("apdus=%ld seconds=%.4f rate=%.1f\n", count, seconds, (double)count / seconds);
    SCardDisconnect(card, SCARD_LEAVE_CARD);
    SCardReleaseContext(context);
    return 0;
}
