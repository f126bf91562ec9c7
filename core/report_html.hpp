#pragma once
// `tickets report --format html`: one self-contained page (no script,
// nothing loaded from elsewhere) with the report's table and three charts
// as inline SVG: tickets per week by status, the resolution times, SLA
// attainment per priority. Labels in German or English; every text escaped.
#include "core/report.hpp"

#include <string>

namespace tickets {

struct ReportPage {
    std::string language;         // de or en
    std::string generated;        // local time of the report
    std::string filter, from, to; // the selection, as given
};

std::string report_html(const Report& report, const ReportPage& page);

} // namespace tickets
