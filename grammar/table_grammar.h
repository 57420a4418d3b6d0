#pragma once
// The PEGTL grammar of one line of a table file. Both front doors share it:
//   plain dmsetup tables   <start> <length> <target> [<args>...]   one target a line
//   dmc multi-device files a "device NAME [attributes]" header line starts each device, and
//                          "disk PATH [key=value...]" lines declare the disks below them
// Blanks are the kernel's isspace() minus the line break; '#' starts a comment anywhere
// outside a token's middle, as in dmsetup. Numbers, units and names are words here: their
// meaning (and precise errors) belongs to the stages after, which know what each field is.

#include <tao/pegtl.hpp>

namespace dmc::grammar {

namespace peg = tao::pegtl;

struct blank : peg::one<' ', '\t', '\r', '\v', '\f'> {};
struct separator : peg::plus<blank> {};
struct comment : peg::seq<peg::one<'#'>, peg::star<peg::any>> {};
struct word : peg::plus<peg::not_one<' ', '\t', '\r', '\v', '\f', '#'>> {};
struct line_end : peg::seq<peg::star<blank>, peg::opt<comment>, peg::eof> {};

// A target line.
struct start_field : word {};
struct length_field : word {};
struct type_field : word {};
struct argument : word {};
struct length_part : peg::seq<separator, length_field> {};
struct type_part : peg::seq<separator, type_field> {};
struct target_line : peg::seq<start_field, peg::must<length_part>, peg::must<type_part>,
                              peg::star<separator, argument>, peg::must<line_end>> {};

// A device header of a dmc multi-device file.
struct device_keyword : peg::seq<TAO_PEGTL_STRING("device"), peg::at<peg::sor<blank, peg::one<'#'>, peg::eof>>> {};
struct device_name : word {};
struct attribute : word {};
struct name_part : peg::seq<separator, device_name> {};
struct device_header : peg::seq<device_keyword, peg::must<name_part>, peg::star<separator, attribute>,
                                peg::must<line_end>> {};

// A disk declaration of a dmc multi-device file: "disk PATH [key=value...]".
struct disk_keyword : peg::seq<TAO_PEGTL_STRING("disk"), peg::at<peg::sor<blank, peg::one<'#'>, peg::eof>>> {};
struct disk_path : word {};
struct disk_path_part : peg::seq<separator, disk_path> {};
struct disk_declaration : peg::seq<disk_keyword, peg::must<disk_path_part>, peg::star<separator, attribute>,
                                   peg::must<line_end>> {};

struct line : peg::seq<peg::star<blank>, peg::sor<peg::seq<comment, peg::eof>, peg::eof, device_header,
                                                  disk_declaration, target_line>> {};

// What a user is told when a required part is missing, at the place it was expected.
template <typename Rule> inline constexpr const char* missing_part_message = nullptr;
template <> inline constexpr const char* missing_part_message<length_part> =
    "expected the target's length in sectors after its start sector";
template <> inline constexpr const char* missing_part_message<type_part> =
    "expected a target type (such as linear) after the length";
template <> inline constexpr const char* missing_part_message<name_part> = "expected a device name after 'device'";
template <> inline constexpr const char* missing_part_message<disk_path_part> =
    "expected the disk's path (or MAJ:MIN) after 'disk'";
template <> inline constexpr const char* missing_part_message<line_end> = "unexpected text at the end of the line";

}  // namespace dmc::grammar
