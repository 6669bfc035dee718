// libxlsxwriter (Debian libxlsxwriter-dev), seen by Swift only through XLSXKit.
#include <xlsxwriter.h>
