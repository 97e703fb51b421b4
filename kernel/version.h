/* kernel/version.h: the release, shown in the banner and (later) uname. */
#pragma once
#define BASALT_NAME	"Basalt"
#define BASALT_VERSION	"0.1.0"
#define BASALT_ARCH	"x86_64"
