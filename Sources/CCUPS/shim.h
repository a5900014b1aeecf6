// libcups: IPP requests and raw print jobs. Debian ships no cups.pc, so the
// module map links "cups" directly and the headers come from /usr/include/cups.
#include <cups/cups.h>
#include <cups/ipp.h>
