#ifndef AUDIT_SITE_CMARK_SHIM_H
#define AUDIT_SITE_CMARK_SHIM_H
// cmark-gfm with its core extensions (table, tasklist, strikethrough, autolink, tagfilter).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#endif
