#include "model/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace jixiao::testing {
namespace {

// What the writer must match byte for byte: nlohmann's dump of the same
// string (compact, UTF-8 kept, ill-formed bytes replaced).
std::string dumped(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Both ways a string is written: put_json_string, and a JsonWriter's value
// (which copies a short clean string in place); they must agree.
std::string written(const std::string& s) {
  std::string out;
  put_json_string(out, s);
  std::string by_writer;
  {
    JsonWriter w(by_writer, -1);
    w.value(s);
  }
  EXPECT_EQ(by_writer, out);
  return out;
}

// Pieces that stop the block scan or sit at its edges: escapes, controls,
// DEL, line and paragraph separators, characters of every length, the leads
// the blocks leave to the byte-by-byte path (E0, ED, F0-F4), and ill-formed
// sequences (overlong, surrogate, past U+10FFFF, cut short, lone bytes).
const std::vector<std::string>& pieces() {
  // clang-format off
  static const std::vector<std::string> p = {
      "a", " ", "\"", "\\", "\n", "\t", "\r", "\b", "\f", std::string(1, '\0'), "\x01", "\x1f", "\x7f",
      "\xE2\x80\xA8", "\xE2\x80\xA9", "\xC2\xB7", "\xC3\xA9", "\xDF\xBF", "\xE4\xB8\xAD", "\xE9\xBE\xA5",
      "\xEF\xBC\x88", "\xEF\xBF\xBD", "\xE0\xA4\x85", "\xED\x95\x9C", "\xEE\x80\x80", "\xF0\x9F\x98\x80",
      "\xF0\xA0\x80\x80", "\xF4\x8F\xBF\xBF", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80",
      "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xFE", "\x80", "\xBF", "\xE4\xB8", "\xE4",
      "\xF0\x9F\x98", "\xC2", "\xE4\xB8\xAD\xE6\x96\x87", "\xe7\xbb\xa9\xe6\x95\x88\xe7\x9b\xae\xe6\xa0\x87"};
  // clang-format on
  return p;
}

TEST(JsonString, EachPieceAloneAndAtEveryOffsetOfTheBlocks) {
  for (const std::string& piece : pieces()) {
    EXPECT_EQ(written(piece), dumped(piece))
        << "piece " << nlohmann::json(piece).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
    // The piece at every offset 0..40 of CJK and of ASCII, and cut by the end.
    for (const std::string& filler : {std::string("x"), std::string("\xE4\xB8\xAD")}) {
      std::string before;
      for (int k = 0; k < 40; ++k) {
        for (const std::string& s : {before + piece, before + piece + before, piece + before}) {
          ASSERT_EQ(written(s), dumped(s)) << "offset " << before.size() << " piece " << piece.size();
        }
        before += filler;
        if (before.size() > 48) break;
      }
    }
  }
}

TEST(JsonString, EveryByteAtTheLastPositionsOfABlock) {
  // A byte (any of 256) or a pair at positions 13-17 and 29-33 of text made
  // of three-byte characters, so leads and continuations straddle the edges.
  for (int c = 0; c < 256; ++c) {
    for (std::size_t at : {13u, 14u, 15u, 16u, 17u, 29u, 30u, 31u, 32u, 33u}) {
      std::string s;
      while (s.size() < 40) s += "\xE4\xB8\xAD";
      s.resize(at);
      s.push_back(static_cast<char>(c));
      std::string t = s + "\xB8\xADxyz";
      ASSERT_EQ(written(s), dumped(s)) << c << " at " << at;
      ASSERT_EQ(written(t), dumped(t)) << c << " at " << at;
    }
  }
}

TEST(JsonString, RandomMixturesMatchDump) {
  std::mt19937 rng(20261207);
  const auto& p = pieces();
  std::uniform_int_distribution<std::size_t> pick(0, p.size() - 1);
  std::uniform_int_distribution<int> length(0, 60);
  std::uniform_int_distribution<int> mostly_cjk(0, 9);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) {
      const int r = mostly_cjk(rng);
      s += r < 5 ? std::string("\xE7\x9B\xAE") : r < 7 ? std::string("a") : p[pick(rng)];
    }
    ASSERT_EQ(written(s), dumped(s)) << "round " << round;
  }
  // Random bytes as well, the blocks' worst case.
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 5000; ++round) {
    std::string s(static_cast<std::size_t>(length(rng)), ' ');
    for (char& ch : s) ch = static_cast<char>(byte(rng));
    ASSERT_EQ(written(s), dumped(s)) << "bytes round " << round;
  }
}

TEST(JsonString, AppendsToWhatIsThere) {
  std::string out = "[";
  put_json_string(out, "\xE4\xB8\xAD\"");
  put_json_string(out, "");
  EXPECT_EQ(out, "[\"\xE4\xB8\xAD\\\"\"\"\"");
}

// The writer against a tree dumped the same way, for keys made at run time
// and literal ones, long strings that cross the writer's flush size, numbers
// and amounts; the same text whether it goes to a string, a stream or a FILE.
nlohmann::ordered_json sample_tree(int values) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["format"] = "jixiao/1";
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  std::string big;
  for (int i = 0; i < values; ++i) {
    big += i % 7 == 0 ? "\"\\\n" : "\xE4\xB8\xAD\xE6\x96\x87";
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    o["name"] = "\xE9\xA1\xB9\xE7\x9B\xAE " + std::to_string(i);
    o["k\"ey\\" + std::to_string(i % 3)] = big.substr(0, static_cast<std::size_t>(i) * 13 % 5000);
    o["n"] = i * 1000003LL;
    o["none"] = nullptr;
    o["flag"] = i % 2 == 0;
    arr.push_back(o);
  }
  j["items"] = arr;
  return j;
}

void write_tree(JsonWriter& w, const nlohmann::ordered_json& j) {
  if (j.is_object()) {
    w.begin_object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      w.key(it.key());
      write_tree(w, it.value());
    }
    w.end_object();
  } else if (j.is_array()) {
    w.begin_array();
    for (const auto& v : j) write_tree(w, v);
    w.end_array();
  } else if (j.is_string()) {
    w.value(j.get<std::string>());
  } else if (j.is_boolean()) {
    w.value(j.get<bool>());
  } else if (j.is_number_integer()) {
    w.value(j.get<long long>());
  } else {
    w.null();
  }
}

TEST(JsonWriterOutput, MatchesDumpAcrossFlushesInEveryTarget) {
  const nlohmann::ordered_json tree = sample_tree(900);  // several times the 64 KB flush size
  for (int indent : {-1, 2}) {
    const std::string want = tree.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
    ASSERT_GT(want.size(), 3u * 65536u);
    std::string to_string = "prefix:";
    {
      JsonWriter w(to_string, indent);
      write_tree(w, tree);
    }
    EXPECT_EQ(to_string, "prefix:" + want);

    std::ostringstream to_stream;
    {
      JsonWriter w(to_stream, indent);
      write_tree(w, tree);
      w.flush();
      EXPECT_EQ(w.written(), want.size());
    }
    EXPECT_EQ(to_stream.str(), want);

    std::FILE* f = std::tmpfile();
    ASSERT_NE(f, nullptr);
    {
      JsonWriter w(f, indent);
      write_tree(w, tree);
    }
    std::rewind(f);
    std::string back(want.size() + 1, '\0');
    back.resize(std::fread(back.data(), 1, back.size(), f));
    std::fclose(f);
    EXPECT_EQ(back, want);
  }
}

TEST(JsonWriterOutput, LiteralAndRunTimeKeysAreWrittenAlike) {
  for (int indent : {-1, 2}) {
    std::string a, b;
    {
      JsonWriter w(a, indent);
      w.begin_object();
      w.field("period_target", "x");
      w.null_field("note");
      w.key("units");
      w.begin_array();
      w.end_array();
      w.end_object();
    }
    {
      JsonWriter w(b, indent);
      const std::string k1 = "period_target", k2 = "note", k3 = "units";
      w.begin_object();
      w.field(k1, "x");
      w.null_field(std::string_view(k2));
      w.key(k3.c_str());
      w.begin_array();
      w.end_array();
      w.end_object();
    }
    EXPECT_EQ(a, b);
    EXPECT_EQ(a, nlohmann::ordered_json::parse(a).dump(indent));
  }
  // A run-time key that needs escaping, or is longer than the one-copy path.
  std::string out;
  {
    JsonWriter w(out, -1);
    w.begin_object();
    w.field(std::string("a\"b\\\x01\xE4\xB8\xAD"), 1);
    w.field(std::string(100, 'k'), 2);
    w.end_object();
  }
  EXPECT_EQ(out, "{\"a\\\"b\\\\\\u0001\xE4\xB8\xAD\":1,\"" + std::string(100, 'k') + "\":2}");
}

TEST(JsonWriterOutput, AmountsAreTheirCanonicalText) {
  const std::vector<Decimal> amounts = {
      Decimal(0, 0),          Decimal(0, 2),  Decimal(5, 3),   Decimal(-5, 3),        Decimal(130016, 2),
      Decimal(-130016, 2),    Decimal(12, 0), Decimal(10, 1),  Decimal(INT64_MIN, 0), Decimal(INT64_MIN, 18),
      Decimal(INT64_MAX, 19), Decimal(1, 18), Decimal(123, -2)};
  for (const Decimal& d : amounts) {
    std::string out;
    {
      JsonWriter w(out, -1);
      w.value(d);
    }
    EXPECT_EQ(out, "\"" + d.to_string() + "\"") << d.mantissa() << " scale " << d.scale();
  }
}

TEST(JsonWriterOutput, RawTextGoesBetweenTopLevelValues) {
  std::string out;
  {
    JsonWriter w(out, -1);
    for (int i = 0; i < 3; ++i) {
      w.begin_object();
      w.field("i", i);
      w.end_object();
      w.raw("\n");
    }
  }
  EXPECT_EQ(out, "{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n");
}

// A repeated string's JSON copied from the last marked value reads as
// writing it again does, escapes and ill-formed bytes included, compact and
// indented.
TEST(JsonWriterMark, ARepeatedValueIsWrittenAsTheFirst) {
  for (const int indent : {-1, 2}) {
    for (const std::string& piece : pieces()) {
      const std::string text = "\xe6\x8c\x87\xe6\xa0\x87" + piece + "x";
      std::string copied, escaped;
      {
        JsonWriter w(copied, indent);
        w.begin_object();
        w.key("name");
        w.marked_value(text);
        EXPECT_TRUE(w.repeat_marked("description"));
        w.end_object();
      }
      {
        JsonWriter w(escaped, indent);
        w.begin_object();
        w.field("name", text);
        w.field("description", text);
        w.end_object();
      }
      EXPECT_EQ(copied, escaped);
    }
  }
}

// Once the buffer was handed on (a flush), the marked bytes are gone:
// nothing is written and the caller writes the value itself; likewise when
// the key would flush a buffer past its threshold first.
TEST(JsonWriterMark, NothingIsCopiedOnceTheBufferIsFlushed) {
  std::string out;
  const std::string big(70000, 'x');
  {
    JsonWriter w(out, -1);
    w.begin_array();
    w.marked_value("a");
    w.flush();
    w.begin_object();
    EXPECT_FALSE(w.repeat_marked("b"));
    w.end_object();
    w.begin_object();
    w.key("c");
    w.marked_value(big);  // the buffer is now past the threshold, not yet flushed
    EXPECT_FALSE(w.repeat_marked("d"));
    w.end_object();
    w.end_array();
  }
  EXPECT_EQ(out, "[\"a\",{},{\"c\":\"" + big + "\"}]");
}

}  // namespace
}  // namespace jixiao::testing
