// Decodes raw 8-bit grayscale frames with zxing-cpp and zbar, for QrBench's comparison (Debian's libzxing-dev and
// libzbar-dev; the bench builds this with g++ when they are there and skips the comparison when not).
// usage: qr_compare FILE WIDTH HEIGHT ROUNDS
// Each frame is decoded ROUNDS times by each library (the first rounds warm caches, the last is timed: the thread's
// CPU time, as QrBench measures the Java decoders, so that other work on a shared machine does not count) and printed
//   INDEX <tab> zxing-cpp|zbar <tab> MICROSECONDS <tab> TEXT (empty when nothing was read)
// zbar first: ZXing's headers define macros (FormatError, ...) that break zbar's C++ wrappers
#include <zbar.h>
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace zbar;

static double cpuMicros() {
    timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e6 + now.tv_nsec / 1e3;
}

static std::string zxingRead(const uint8_t* luma, int width, int height) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    auto result = ZXing::ReadBarcode({luma, width, height, ZXing::ImageFormat::Lum}, hints);
    return result.isValid() ? result.text() : std::string();
}

static std::string zbarRead(zbar_image_scanner_t* scanner, const uint8_t* luma, int width, int height) {
    zbar_image_t* image = zbar_image_create();
    zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image, width, height);
    zbar_image_set_data(image, luma, static_cast<unsigned long>(width) * height, nullptr);
    std::string text;
    if (zbar_scan_image(scanner, image) > 0) {
        const zbar_symbol_t* symbol = zbar_image_first_symbol(image);
        if (symbol) {
            text = zbar_symbol_get_data(symbol);
        }
    }
    zbar_image_destroy(image);
    return text;
}

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: qr_compare FILE WIDTH HEIGHT ROUNDS\n");
        return 2;
    }
    int width = std::atoi(argv[2]);
    int height = std::atoi(argv[3]);
    int rounds = std::atoi(argv[4]);
    std::ifstream in(argv[1], std::ios::binary);
    std::vector<uint8_t> all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t frameBytes = static_cast<size_t>(width) * height;
    size_t frames = all.size() / frameBytes;

    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_enable_cache(scanner, 0);

    for (size_t i = 0; i < frames; i++) {
        const uint8_t* luma = all.data() + i * frameBytes;
        std::string text;
        double micros = 0;
        for (int r = 0; r < rounds; r++) {
            double t0 = cpuMicros();
            text = zxingRead(luma, width, height);
            micros = cpuMicros() - t0;
        }
        std::printf("%zu\tzxing-cpp\t%.0f\t%s\n", i, micros, text.c_str());
        for (int r = 0; r < rounds; r++) {
            double t0 = cpuMicros();
            text = zbarRead(scanner, luma, width, height);
            micros = cpuMicros() - t0;
        }
        std::printf("%zu\tzbar\t%.0f\t%s\n", i, micros, text.c_str());
    }
    zbar_image_scanner_destroy(scanner);
    return 0;
}
