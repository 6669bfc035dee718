// minizip (Debian libminizip-dev; libxlsxwriter writes its archives with it), seen by Swift only
// through ZipKit.
#include <minizip/unzip.h>
#include <minizip/zip.h>
