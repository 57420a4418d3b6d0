#include "diagnostics/streamed_json_array.h"

namespace dmc {

void writeWithStreamedArray(const nlohmann::json& document, std::string_view key,
                            const std::function<void(const std::function<void(const nlohmann::json&)>& add)>& items,
                            const OutputSink& out) {
  const std::string skeleton = document.dump(2) + "\n";
  // A key's quotes cannot appear unescaped inside a string value, so this finds the key itself.
  const std::string marker = "\"" + std::string(key) + "\": []";
  const size_t at = skeleton.find(marker);
  const size_t lineStart = skeleton.rfind('\n', at) + 1;  // npos + 1 == 0 on the first line
  const std::string itemIndent(at - lineStart + 2, ' ');
  out(std::string_view(skeleton).substr(0, at + marker.size() - 1));  // up to and with the '['
  bool first = true;
  std::string text;
  items([&](const nlohmann::json& item) {
    text = first ? "\n" : ",\n";
    first = false;
    const std::string dumped = item.dump(2);
    // String values hold no raw newline (JSON escapes it): every '\n' starts a line of layout.
    size_t from = 0;
    for (size_t end = dumped.find('\n'); ; end = dumped.find('\n', from)) {
      text += itemIndent;
      text.append(dumped, from, end == std::string::npos ? std::string::npos : end + 1 - from);
      if (end == std::string::npos) break;
      from = end + 1;
    }
    out(text);
  });
  if (!first) out("\n" + std::string(itemIndent.size() - 2, ' '));
  out(std::string_view(skeleton).substr(at + marker.size() - 1));  // the ']' and the rest
}

}  // namespace dmc
