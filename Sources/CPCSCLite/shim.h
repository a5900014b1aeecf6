// pcsc-lite: the PC/SC API (winscard.h) and part 10 reader definitions (reader.h).
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#include <PCSC/reader.h>
