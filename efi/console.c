// SPDX-License-Identifier: MIT
#include "console.h"
#include <lib/vsprintf.h>

static SIMPLE_TEXT_OUTPUT_INTERFACE *conout;

void con_init(EFI_SYSTEM_TABLE *st)
{
	conout = st->ConOut;
}

void con_printf(const char *fmt, ...)
{
	char buf[512];
	CHAR16 wbuf[2 * sizeof(buf) + 1];
	va_list ap;
	size_t n = 0;

	va_start(ap, fmt);
	kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (!conout)
		return;
	for (const char *p = buf; *p; p++) {
		if (*p == '\n')
			wbuf[n++] = L'\r';
		wbuf[n++] = (CHAR16)(unsigned char)*p;
	}
	wbuf[n] = 0;
	conout->OutputString(conout, wbuf);
}

const char *efi_status_str(EFI_STATUS s)
{
	switch (s) {
	case EFI_SUCCESS: return "Success";
	case EFI_LOAD_ERROR: return "Load Error";
	case EFI_INVALID_PARAMETER: return "Invalid Parameter";
	case EFI_UNSUPPORTED: return "Unsupported";
	case EFI_BAD_BUFFER_SIZE: return "Bad Buffer Size";
	case EFI_BUFFER_TOO_SMALL: return "Buffer Too Small";
	case EFI_NOT_READY: return "Not Ready";
	case EFI_DEVICE_ERROR: return "Device Error";
	case EFI_WRITE_PROTECTED: return "Write Protected";
	case EFI_OUT_OF_RESOURCES: return "Out of Resources";
	case EFI_VOLUME_CORRUPTED: return "Volume Corrupt";
	case EFI_VOLUME_FULL: return "Volume Full";
	case EFI_NO_MEDIA: return "No Media";
	case EFI_NOT_FOUND: return "Not Found";
	case EFI_ACCESS_DENIED: return "Access Denied";
	case EFI_END_OF_FILE: return "End of File";
	case EFI_COMPROMISED_DATA: return "Compromised Data";
	default: return "Unknown Error";
	}
}
