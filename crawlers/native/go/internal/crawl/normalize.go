package crawl

// URL normalization, byte-compatible with the TypeScript reference (crawlers/normalize-url.ts),
// which is WHATWG `new URL(href, base).href` minus query, fragment and credentials.
//
// Go's net/url cannot be used for this: it rejects inputs WHATWG accepts (`%zz`, spaces, `\`),
// does not resolve `%2e` dot segments or treat `\` as `/`, does not parse `127.1` as an IPv4
// address, and its escaping of paths differs (it re-encodes from the decoded path unless RawPath
// round-trips). Only http and https are crawlable, so this is the WHATWG basic URL parser
// restricted to the two "special" schemes it needs, written against the spec's state machine.
// It matches Node 20's URL (Ada), whose path percent-encode set does not include `^`.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// URL is a parsed, normalized http(s) URL: no credentials, query or fragment.
type URL struct {
	Scheme string // "http" or "https"
	Host   string // serialized host: lower-case domain, dotted IPv4 or [IPv6]
	Port   string // "" when absent or the scheme's default
	Path   string // serialized path, always starting with "/"
}

// Origin is scheme://host[:port], as WHATWG URL.origin serializes it.
func (u *URL) Origin() string {
	if u.Port == "" {
		return u.Scheme + "://" + u.Host
	}
	return u.Scheme + "://" + u.Host + ":" + u.Port
}

// String is the normalized absolute URL (WHATWG href without query and fragment).
func (u *URL) String() string { return u.Origin() + u.Path }

// ParseURL resolves href against base (nil for none) and returns the normalized http(s) URL,
// or ok=false when it does not parse or is another scheme (mailto:, tel:, javascript:, data:…).
func ParseURL(href string, base *URL) (u *URL, ok bool) {
	s := cleanInput(href)
	if scheme, rest, found := splitScheme(s); found {
		if scheme != "http" && scheme != "https" {
			return nil, false
		}
		if base == nil || base.Scheme != scheme {
			// "special authority slashes" then "ignore slashes": any run of / and \ (even none)
			// precedes the authority, so `https:host/x` is an absolute URL.
			return parseAuthorityAndPath(scheme, strings.TrimLeft(rest, `/\`))
		}
		// Same scheme as the base: `http:x` is a relative reference.
		s = rest
	} else if base == nil {
		return nil, false
	}
	switch {
	case len(s) >= 2 && isSlash(s[0]) && isSlash(s[1]):
		return parseAuthorityAndPath(base.Scheme, strings.TrimLeft(s, `/\`))
	case len(s) >= 1 && isSlash(s[0]):
		return &URL{Scheme: base.Scheme, Host: base.Host, Port: base.Port, Path: parsePath(nil, s[1:])}, true
	case s == "" || s[0] == '?' || s[0] == '#':
		return &URL{Scheme: base.Scheme, Host: base.Host, Port: base.Port, Path: base.Path}, true
	default:
		// Relative path: the base's path without its last segment, then the reference.
		segments := strings.Split(base.Path[1:], "/")
		return &URL{Scheme: base.Scheme, Host: base.Host, Port: base.Port, Path: parsePath(segments[:len(segments)-1], s)}, true
	}
}

// cleanInput strips leading and trailing C0 controls and spaces and removes every tab and
// newline, as the URL parser does before anything else (this is what makes `  /x  ` work).
func cleanInput(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= 0x20 })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// splitScheme returns the lower-cased scheme and what follows its colon, when s starts with one.
func splitScheme(s string) (scheme, rest string, ok bool) {
	if s == "" || !isAlpha(s[0]) {
		return "", "", false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return strings.ToLower(s[:i]), s[i+1:], true
		case isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.':
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// parseAuthorityAndPath parses `[credentials@]host[:port][/path][?query][#fragment]`.
func parseAuthorityAndPath(scheme, s string) (*URL, bool) {
	end := strings.IndexAny(s, `/\?#`)
	if end < 0 {
		end = len(s)
	}
	authority, rest := s[:end], s[end:]
	hadCredentials := false
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		authority, hadCredentials = authority[at+1:], true
	}
	if authority == "" && hadCredentials {
		return nil, false
	}
	// The port colon is the first one outside [...] (IPv6 literals contain colons).
	hostPart, portPart, hasPort := authority, "", false
	inBrackets := false
	for i := 0; i < len(authority); i++ {
		switch authority[i] {
		case '[':
			inBrackets = true
		case ']':
			inBrackets = false
		case ':':
			if !inBrackets {
				hostPart, portPart, hasPort = authority[:i], authority[i+1:], true
			}
		}
		if hasPort {
			break
		}
	}
	if hostPart == "" {
		return nil, false
	}
	host, ok := parseHost(hostPart)
	if !ok {
		return nil, false
	}
	port := ""
	if hasPort && portPart != "" {
		n := 0
		for i := 0; i < len(portPart); i++ {
			if !isDigit(portPart[i]) {
				return nil, false
			}
			n = n*10 + int(portPart[i]-'0')
			if n > 65535 {
				return nil, false
			}
		}
		if !(scheme == "http" && n == 80) && !(scheme == "https" && n == 443) {
			port = strconv.Itoa(n)
		}
	}
	path := "/"
	if rest != "" && rest[0] != '?' && rest[0] != '#' {
		path = parsePath(nil, rest[1:]) // rest starts with / or \
	}
	return &URL{Scheme: scheme, Host: host, Port: port, Path: path}, true
}

// parsePath appends the segments of s (the path after its leading slash, possibly followed by
// ?query or #fragment) to base and serializes the result, resolving `.` and `..` (also spelled
// with %2e) and percent-encoding what WHATWG's path percent-encode set requires. Existing
// percent escapes are kept as they are, never decoded or re-cased.
func parsePath(base []string, s string) string {
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	segments := append([]string(nil), base...)
	for {
		i := strings.IndexAny(s, `/\`)
		last := i < 0
		segment := s
		if !last {
			segment = s[:i]
		}
		switch {
		case isDoubleDot(segment):
			if len(segments) > 0 {
				segments = segments[:len(segments)-1]
			}
			if last {
				segments = append(segments, "")
			}
		case isSingleDot(segment):
			if last {
				segments = append(segments, "")
			}
		default:
			segments = append(segments, encodePathSegment(segment))
		}
		if last {
			break
		}
		s = s[i+1:]
	}
	return "/" + strings.Join(segments, "/")
}

func isSingleDot(s string) bool { return s == "." || strings.EqualFold(s, "%2e") }

func isDoubleDot(s string) bool {
	switch strings.ToLower(s) {
	case "..", ".%2e", "%2e.", "%2e%2e":
		return true
	}
	return false
}

// encodePathSegment percent-encodes C0 controls, space, `"`, `#`, `<`, `>`, `?`, backtick, `{`,
// `}`, DEL and every non-ASCII code point (as UTF-8); invalid UTF-8 becomes U+FFFD first, as
// decoding the page into a JavaScript string would have done.
func encodePathSegment(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if needsPathEscape(s[i]) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s { // an invalid byte yields utf8.RuneError, i.e. U+FFFD
		if r < utf8.RuneSelf && !needsPathEscape(byte(r)) {
			b.WriteByte(byte(r))
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
		}
	}
	return b.String()
}

func needsPathEscape(c byte) bool {
	switch c {
	case ' ', '"', '#', '<', '>', '?', '`', '{', '}':
		return true
	}
	return c < 0x20 || c >= 0x7f
}

// uts46 is the domain-to-ASCII profile WHATWG URL uses: UTS #46 non-transitional processing,
// CheckBidi and CheckJoiners on; STD3 rules, hyphen checks and DNS length checks off.
var uts46 = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.BidiRule(),
	idna.CheckJoiners(true),
	idna.StrictDomainName(false),
	idna.ValidateLabels(true),
	idna.CheckHyphens(false),
	idna.VerifyDNSLength(false),
)

// parseHost is WHATWG's host parser for special schemes: IPv6 literal, or a percent-decoded
// domain mapped to ASCII, which is then an IPv4 address when its last label is a number.
func parseHost(s string) (string, bool) {
	if s[0] == '[' {
		if len(s) < 2 || s[len(s)-1] != ']' {
			return "", false
		}
		return parseIPv6(s[1 : len(s)-1])
	}
	domain := percentDecode(s)
	ascii := true
	for i := 0; i < len(domain); i++ {
		if domain[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii && !strings.Contains(strings.ToLower(domain), "xn--") {
		domain = strings.ToLower(domain) // UTS #46 maps ASCII by lower-casing it, nothing else
	} else {
		mapped, err := uts46.ToASCII(strings.ToValidUTF8(domain, "\uFFFD"))
		if err != nil || mapped == "" {
			return "", false
		}
		domain = mapped
	}
	for i := 0; i < len(domain); i++ {
		if isForbiddenDomainByte(domain[i]) {
			return "", false
		}
	}
	if endsInNumber(domain) {
		return parseIPv4(domain)
	}
	return domain, true
}

func isForbiddenDomainByte(c byte) bool {
	switch c {
	case ' ', '#', '%', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|':
		return true
	}
	return c < 0x20 || c == 0x7f
}

func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// endsInNumber: the last label (ignoring one trailing dot) is decimal digits or 0x-hex.
func endsInNumber(domain string) bool {
	labels := strings.Split(domain, ".")
	if labels[len(labels)-1] == "" {
		if len(labels) == 1 {
			return false
		}
		labels = labels[:len(labels)-1]
	}
	last := labels[len(labels)-1]
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return true
	}
	if len(last) >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') {
		return strings.Trim(last[2:], "0123456789abcdefABCDEF") == ""
	}
	return false
}

// parseIPv4 accepts WHATWG's forms: 1 to 4 parts, each decimal, 0x-hex or 0-octal, the last
// one filling the remaining bytes (`127.1` is 127.0.0.1).
func parseIPv4(s string) (string, bool) {
	parts := strings.Split(s, ".")
	if parts[len(parts)-1] == "" && len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 4 {
		return "", false
	}
	numbers := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseIPv4Number(p)
		if !ok {
			return "", false
		}
		numbers[i] = n
	}
	for _, n := range numbers[:len(numbers)-1] {
		if n > 255 {
			return "", false
		}
	}
	last := numbers[len(numbers)-1]
	if last >= 1<<(8*(5-len(numbers))) {
		return "", false
	}
	address := last
	for i, n := range numbers[:len(numbers)-1] {
		address += n << (8 * (3 - i))
	}
	return strconv.FormatUint(address>>24, 10) + "." + strconv.FormatUint(address>>16&255, 10) + "." +
		strconv.FormatUint(address>>8&255, 10) + "." + strconv.FormatUint(address&255, 10), true
}

func parseIPv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := 10
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s, base = s[2:], 16
	} else if len(s) >= 2 && s[0] == '0' {
		s, base = s[1:], 8
	}
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseUint(s, base, 64)
	if err != nil {
		// Out of range still "is a number" (then too big for an address); bad digits are not.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 1 << 40, true
		}
		return 0, false
	}
	return n, true
}

// parseIPv6 is WHATWG's IPv6 parser; it serializes with the longest run (two or more) of zero
// pieces compressed, the first such run on a tie, and never in dotted form.
func parseIPv6(s string) (string, bool) {
	var pieces [8]uint16
	pieceIndex, compress := 0, -1
	i := 0
	if i < len(s) && s[i] == ':' {
		if i+1 >= len(s) || s[i+1] != ':' {
			return "", false
		}
		i += 2
		pieceIndex++
		compress = pieceIndex
	}
	for i < len(s) {
		if pieceIndex == 8 {
			return "", false
		}
		if s[i] == ':' {
			if compress != -1 {
				return "", false
			}
			i++
			pieceIndex++
			compress = pieceIndex
			continue
		}
		value, length := 0, 0
		for length < 4 && i < len(s) && isHex(s[i]) {
			value = value*16 + int(unhex(s[i]))
			i++
			length++
		}
		if i < len(s) && s[i] == '.' {
			if length == 0 {
				return "", false
			}
			i -= length
			if pieceIndex > 6 {
				return "", false
			}
			numbersSeen := 0
			for i < len(s) {
				ipv4Piece := -1
				if numbersSeen > 0 {
					if s[i] == '.' && numbersSeen < 4 {
						i++
					} else {
						return "", false
					}
				}
				if i >= len(s) || !isDigit(s[i]) {
					return "", false
				}
				for i < len(s) && isDigit(s[i]) {
					n := int(s[i] - '0')
					if ipv4Piece == -1 {
						ipv4Piece = n
					} else if ipv4Piece == 0 {
						return "", false
					} else {
						ipv4Piece = ipv4Piece*10 + n
					}
					if ipv4Piece > 255 {
						return "", false
					}
					i++
				}
				pieces[pieceIndex] = pieces[pieceIndex]*0x100 + uint16(ipv4Piece)
				numbersSeen++
				if numbersSeen == 2 || numbersSeen == 4 {
					pieceIndex++
				}
			}
			if numbersSeen != 4 {
				return "", false
			}
			break
		}
		if i < len(s) && s[i] == ':' {
			i++
			if i >= len(s) {
				return "", false
			}
		} else if i < len(s) {
			return "", false
		}
		pieces[pieceIndex] = uint16(value)
		pieceIndex++
	}
	if compress != -1 {
		swaps := pieceIndex - compress
		pieceIndex = 7
		for pieceIndex != 0 && swaps > 0 {
			pieces[pieceIndex], pieces[compress+swaps-1] = pieces[compress+swaps-1], pieces[pieceIndex]
			pieceIndex--
			swaps--
		}
	} else if pieceIndex != 8 {
		return "", false
	}
	// Serialize: find the longest run of zeros (length > 1).
	bestStart, bestLen := -1, 1
	for start := 0; start < 8; {
		if pieces[start] != 0 {
			start++
			continue
		}
		end := start
		for end < 8 && pieces[end] == 0 {
			end++
		}
		if end-start > bestLen {
			bestStart, bestLen = start, end-start
		}
		start = end
	}
	var b strings.Builder
	b.WriteByte('[')
	for p := 0; p < 8; p++ {
		if p == bestStart {
			if p == 0 {
				b.WriteString("::")
			} else {
				b.WriteByte(':')
			}
			p += bestLen - 1
			continue
		}
		b.WriteString(strconv.FormatUint(uint64(pieces[p]), 16))
		if p != 7 {
			b.WriteByte(':')
		}
	}
	b.WriteByte(']')
	return b.String(), true
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }
func isAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || ('a' <= c|0x20 && c|0x20 <= 'f') }

func unhex(c byte) byte {
	if isDigit(c) {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}
