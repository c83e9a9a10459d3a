/*
 * CPU features for the native image's start-up check: determineCPUFeatures
 * fills the CPUFeatures struct (amd64cpufeatures.h, generated from the
 * runtime's own declaration of the struct) from CPUID and XGETBV, and
 * checkCPUFeatures compares it with the mask of features the image was
 * compiled for (-march, x86-64-v3 by default).
 *
 * A feature is reported only when both the processor and the operating
 * system support it (AVX needs the OS to save the YMM registers), so a
 * missing one stops the binary at start-up with a message instead of an
 * illegal instruction later.
 */
#include <cpuid.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "include/amd64cpufeatures.h"

#define BIT(value, n) (((value) >> (n)) & 1u)

static uint64_t xcr0(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t) edx << 32) | eax;
}

void determineCPUFeatures(CPUFeatures *f) {
    memset(f, 0, sizeof *f);
    unsigned int eax, ebx, ecx, edx;
    unsigned int max_leaf = __get_cpuid_max(0, NULL);
    if (max_leaf < 1) {
        return;
    }

    __cpuid(1, eax, ebx, ecx, edx);
    f->fTSC = BIT(edx, 4);
    f->fCX8 = BIT(edx, 8);
    f->fCMOV = BIT(edx, 15);
    f->fFLUSH = BIT(edx, 19);
    f->fMMX = BIT(edx, 23);
    f->fFXSR = BIT(edx, 24);
    f->fSSE = BIT(edx, 25);
    f->fSSE2 = BIT(edx, 26);
    f->fHT = BIT(edx, 28);
    f->fSSE3 = BIT(ecx, 0);
    f->fCLMUL = BIT(ecx, 1);
    f->fSSSE3 = BIT(ecx, 9);
    f->fSSE4_1 = BIT(ecx, 19);
    f->fSSE4_2 = BIT(ecx, 20);
    f->fPOPCNT = BIT(ecx, 23);
    f->fAES = BIT(ecx, 25);
    f->fHV = BIT(ecx, 31);

    /* AVX and later need the OS to save the wider registers (XCR0). */
    int os_avx = 0;
    int os_avx512 = 0;
    if (BIT(ecx, 27)) { /* OSXSAVE */
        uint64_t saved = xcr0();
        os_avx = (saved & 0x6) == 0x6;             /* SSE + AVX state */
        os_avx512 = os_avx && (saved & 0xe0) == 0xe0; /* opmask, ZMM_Hi256, Hi16_ZMM */
    }
    if (os_avx && BIT(ecx, 28)) {
        f->fAVX = 1;
        f->fVZEROUPPER = 1;
        f->fFMA = BIT(ecx, 12);
        f->fF16C = BIT(ecx, 29);
    }

    if (max_leaf >= 7) {
        __cpuid_count(7, 0, eax, ebx, ecx, edx);
        unsigned int leaf7_subleaves = eax;
        f->fBMI1 = BIT(ebx, 3);
        f->fBMI2 = BIT(ebx, 8);
        f->fERMS = BIT(ebx, 9);
        f->fRTM = BIT(ebx, 11);
        f->fADX = BIT(ebx, 19);
        f->fFLUSHOPT = BIT(ebx, 23);
        f->fCLWB = BIT(ebx, 24);
        f->fSHA = BIT(ebx, 29);
        f->fGFNI = BIT(ecx, 8);
        f->fPKU = BIT(ecx, 3);
        f->fOSPKE = BIT(ecx, 4);
        f->fCET_SS = BIT(ecx, 7);
        f->fRDPID = BIT(ecx, 22);
        f->fFSRM = BIT(edx, 4);
        f->fSERIALIZE = BIT(edx, 14);
        f->fCET_IBT = BIT(edx, 20);
        if (f->fAVX) {
            f->fAVX2 = BIT(ebx, 5);
        }
        if (f->fAVX && os_avx512 && BIT(ebx, 16)) {
            f->fAVX512F = 1;
            f->fAVX512DQ = BIT(ebx, 17);
            f->fAVX512_IFMA = BIT(ebx, 21);
            f->fAVX512PF = BIT(ebx, 26);
            f->fAVX512ER = BIT(ebx, 27);
            f->fAVX512CD = BIT(ebx, 28);
            f->fAVX512BW = BIT(ebx, 30);
            f->fAVX512VL = BIT(ebx, 31);
            f->fAVX512_VBMI = BIT(ecx, 1);
            f->fAVX512_VBMI2 = BIT(ecx, 6);
            f->fAVX512_VAES = BIT(ecx, 9);
            f->fAVX512_VPCLMULQDQ = BIT(ecx, 10);
            f->fAVX512_VNNI = BIT(ecx, 11);
            f->fAVX512_BITALG = BIT(ecx, 12);
            f->fAVX512_VPOPCNTDQ = BIT(ecx, 14);
            f->fAVX512_FP16 = BIT(edx, 23);
        }
        if (leaf7_subleaves >= 1) {
            __cpuid_count(7, 1, eax, ebx, ecx, edx);
            if (f->fAVX) {
                f->fSHA512 = BIT(eax, 0);
                f->fAVX_IFMA = BIT(eax, 23);
            }
        }
        /* AVX10 and APX (leaf 0x24, XCR0 APX state) are left out: never reported. */
    }

    unsigned int max_extended = __get_cpuid_max(0x80000000, NULL);
    if (max_extended >= 0x80000001) {
        __cpuid(0x80000001, eax, ebx, ecx, edx);
        f->fLZCNT = BIT(ecx, 5);
        f->fSSE4A = BIT(ecx, 6);
        f->fAMD_3DNOW_PREFETCH = BIT(ecx, 8);
        f->fRDTSCP = BIT(edx, 27);
    }
    if (max_extended >= 0x80000007) {
        __cpuid(0x80000007, eax, ebx, ecx, edx);
        f->fTSCINV_BIT = BIT(edx, 8);
        f->fTSCINV = BIT(edx, 8);
    }
}

/*
 * The mask holds the required features bitwise negated (a required byte is
 * ~1, anything else 0xff) over the struct's size rounded up to 8 bytes.
 * Returns 0 when every required feature is present, 1 otherwise.
 */
int checkCPUFeatures(const unsigned char *buildtime_mask) {
    unsigned char present[(sizeof(CPUFeatures) + 7) / 8 * 8];
    memset(present, 0, sizeof present);
    determineCPUFeatures((CPUFeatures *) present);
    for (size_t i = 0; i < sizeof present; i++) {
        if ((unsigned char) (present[i] | buildtime_mask[i]) != 0xff) {
            return 1;
        }
    }
    return 0;
}

int checkCPUFeaturesOrExit(const unsigned char *buildtime_mask, const char *message) {
    if (checkCPUFeatures(buildtime_mask) != 0) {
        fprintf(stderr, "%s\n", message);
        exit(1);
    }
    return 0;
}
