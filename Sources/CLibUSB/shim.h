// libusb-1.0: USB device access for signature pads and USB receipt printers.
#include <libusb.h>
