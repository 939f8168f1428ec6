// Post-processing PDFs into unreadable ones: encryption with a user password (qpdf) and
// corruption (truncation plus garbage).
//
// Thread safety: encrypt_pdf uses temporary files with unique names; reentrant.
#pragma once

#include <string>

#include "pipeline/core/status.h"
#include "rng.h"

namespace samplegen {

// `pdf` encrypted (AES-128, security handler R4) with a user password, via the qpdf command
// line. R4 with qpdf's --static-id/--static-aes-iv gives reproducible bytes (AES-256 adds
// random salts). Fails when qpdf is missing.
shenbao::Result<std::string> encrypt_pdf(const std::string& pdf, const std::string& user_password);

// A PDF that no reader can open: the header survives, the body is cut and overwritten with
// noise, the cross-reference table and trailer are gone.
std::string corrupt_pdf(const std::string& pdf, Rng& rng);

}  // namespace samplegen
