var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/xmlchars/xml/1.0/ed5.js
var require_ed5 = __commonJS({
  "node_modules/xmlchars/xml/1.0/ed5.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CHAR = "	\n\r -\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}";
    exports.S = " 	\r\n";
    exports.NAME_START_CHAR = ":A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NAME_CHAR = "-" + exports.NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.CHAR_RE = new RegExp("^[" + exports.CHAR + "]$", "u");
    exports.S_RE = new RegExp("^[" + exports.S + "]+$", "u");
    exports.NAME_START_CHAR_RE = new RegExp("^[" + exports.NAME_START_CHAR + "]$", "u");
    exports.NAME_CHAR_RE = new RegExp("^[" + exports.NAME_CHAR + "]$", "u");
    exports.NAME_RE = new RegExp("^[" + exports.NAME_START_CHAR + "][" + exports.NAME_CHAR + "]*$", "u");
    exports.NMTOKEN_RE = new RegExp("^[" + exports.NAME_CHAR + "]+$", "u");
    var TAB2 = 9;
    var NL = 10;
    var CR2 = 13;
    var SPACE2 = 32;
    exports.S_LIST = [SPACE2, NL, CR2, TAB2];
    function isChar(c) {
      return c >= SPACE2 && c <= 55295 || c === NL || c === CR2 || c === TAB2 || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isChar = isChar;
    function isS2(c) {
      return c === SPACE2 || c === NL || c === CR2 || c === TAB2;
    }
    exports.isS = isS2;
    function isNameStartChar(c) {
      return c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 58 || c === 95 || c === 8204 || c === 8205 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNameStartChar = isNameStartChar;
    function isNameChar(c) {
      return isNameStartChar(c) || c >= 48 && c <= 57 || c === 45 || c === 46 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256;
    }
    exports.isNameChar = isNameChar;
  }
});

// node_modules/xmlchars/xml/1.1/ed2.js
var require_ed2 = __commonJS({
  "node_modules/xmlchars/xml/1.1/ed2.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CHAR = "-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}";
    exports.RESTRICTED_CHAR = "-\b\v\f-\x7F-\x84\x86-\x9F";
    exports.S = " 	\r\n";
    exports.NAME_START_CHAR = ":A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NAME_CHAR = "-" + exports.NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.CHAR_RE = new RegExp("^[" + exports.CHAR + "]$", "u");
    exports.RESTRICTED_CHAR_RE = new RegExp("^[" + exports.RESTRICTED_CHAR + "]$", "u");
    exports.S_RE = new RegExp("^[" + exports.S + "]+$", "u");
    exports.NAME_START_CHAR_RE = new RegExp("^[" + exports.NAME_START_CHAR + "]$", "u");
    exports.NAME_CHAR_RE = new RegExp("^[" + exports.NAME_CHAR + "]$", "u");
    exports.NAME_RE = new RegExp("^[" + exports.NAME_START_CHAR + "][" + exports.NAME_CHAR + "]*$", "u");
    exports.NMTOKEN_RE = new RegExp("^[" + exports.NAME_CHAR + "]+$", "u");
    var TAB2 = 9;
    var NL = 10;
    var CR2 = 13;
    var SPACE2 = 32;
    exports.S_LIST = [SPACE2, NL, CR2, TAB2];
    function isChar(c) {
      return c >= 1 && c <= 55295 || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isChar = isChar;
    function isRestrictedChar(c) {
      return c >= 1 && c <= 8 || c === 11 || c === 12 || c >= 14 && c <= 31 || c >= 127 && c <= 132 || c >= 134 && c <= 159;
    }
    exports.isRestrictedChar = isRestrictedChar;
    function isCharAndNotRestricted(c) {
      return c === 9 || c === 10 || c === 13 || c > 31 && c < 127 || c === 133 || c > 159 && c <= 55295 || c >= 57344 && c <= 65533 || c >= 65536 && c <= 1114111;
    }
    exports.isCharAndNotRestricted = isCharAndNotRestricted;
    function isS2(c) {
      return c === SPACE2 || c === NL || c === CR2 || c === TAB2;
    }
    exports.isS = isS2;
    function isNameStartChar(c) {
      return c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 58 || c === 95 || c === 8204 || c === 8205 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNameStartChar = isNameStartChar;
    function isNameChar(c) {
      return isNameStartChar(c) || c >= 48 && c <= 57 || c === 45 || c === 46 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256;
    }
    exports.isNameChar = isNameChar;
  }
});

// node_modules/xmlchars/xmlns/1.0/ed3.js
var require_ed3 = __commonJS({
  "node_modules/xmlchars/xmlns/1.0/ed3.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.NC_NAME_START_CHAR = "A-Z_a-z\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
    exports.NC_NAME_CHAR = "-" + exports.NC_NAME_START_CHAR + ".0-9\xB7\u0300-\u036F\u203F-\u2040";
    exports.NC_NAME_START_CHAR_RE = new RegExp("^[" + exports.NC_NAME_START_CHAR + "]$", "u");
    exports.NC_NAME_CHAR_RE = new RegExp("^[" + exports.NC_NAME_CHAR + "]$", "u");
    exports.NC_NAME_RE = new RegExp("^[" + exports.NC_NAME_START_CHAR + "][" + exports.NC_NAME_CHAR + "]*$", "u");
    function isNCNameStartChar(c) {
      return c >= 65 && c <= 90 || c === 95 || c >= 97 && c <= 122 || c >= 192 && c <= 214 || c >= 216 && c <= 246 || c >= 248 && c <= 767 || c >= 880 && c <= 893 || c >= 895 && c <= 8191 || c >= 8204 && c <= 8205 || c >= 8304 && c <= 8591 || c >= 11264 && c <= 12271 || c >= 12289 && c <= 55295 || c >= 63744 && c <= 64975 || c >= 65008 && c <= 65533 || c >= 65536 && c <= 983039;
    }
    exports.isNCNameStartChar = isNCNameStartChar;
    function isNCNameChar(c) {
      return isNCNameStartChar(c) || (c === 45 || c === 46 || c >= 48 && c <= 57 || c === 183 || c >= 768 && c <= 879 || c >= 8255 && c <= 8256);
    }
    exports.isNCNameChar = isNCNameChar;
  }
});

// node_modules/saxes/saxes.js
var require_saxes = __commonJS({
  "node_modules/saxes/saxes.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.SaxesParser = exports.EVENTS = void 0;
    var ed5 = require_ed5();
    var ed2 = require_ed2();
    var NSed3 = require_ed3();
    var isS2 = ed5.isS;
    var isChar10 = ed5.isChar;
    var isNameStartChar = ed5.isNameStartChar;
    var isNameChar = ed5.isNameChar;
    var S_LIST = ed5.S_LIST;
    var NAME_RE = ed5.NAME_RE;
    var isChar11 = ed2.isChar;
    var isNCNameStartChar = NSed3.isNCNameStartChar;
    var isNCNameChar = NSed3.isNCNameChar;
    var NC_NAME_RE = NSed3.NC_NAME_RE;
    var XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    var XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";
    var rootNS = {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
      __proto__: null,
      xml: XML_NAMESPACE,
      xmlns: XMLNS_NAMESPACE
    };
    var XML_ENTITIES = {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
      __proto__: null,
      amp: "&",
      gt: ">",
      lt: "<",
      quot: '"',
      apos: "'"
    };
    var EOC = -1;
    var NL_LIKE = -2;
    var S_BEGIN = 0;
    var S_BEGIN_WHITESPACE = 1;
    var S_DOCTYPE = 2;
    var S_DOCTYPE_QUOTE = 3;
    var S_DTD = 4;
    var S_DTD_QUOTED = 5;
    var S_DTD_OPEN_WAKA = 6;
    var S_DTD_OPEN_WAKA_BANG = 7;
    var S_DTD_COMMENT = 8;
    var S_DTD_COMMENT_ENDING = 9;
    var S_DTD_COMMENT_ENDED = 10;
    var S_DTD_PI = 11;
    var S_DTD_PI_ENDING = 12;
    var S_TEXT = 13;
    var S_ENTITY = 14;
    var S_OPEN_WAKA = 15;
    var S_OPEN_WAKA_BANG = 16;
    var S_COMMENT = 17;
    var S_COMMENT_ENDING = 18;
    var S_COMMENT_ENDED = 19;
    var S_CDATA = 20;
    var S_CDATA_ENDING = 21;
    var S_CDATA_ENDING_2 = 22;
    var S_PI_FIRST_CHAR = 23;
    var S_PI_REST = 24;
    var S_PI_BODY = 25;
    var S_PI_ENDING = 26;
    var S_XML_DECL_NAME_START = 27;
    var S_XML_DECL_NAME = 28;
    var S_XML_DECL_EQ = 29;
    var S_XML_DECL_VALUE_START = 30;
    var S_XML_DECL_VALUE = 31;
    var S_XML_DECL_SEPARATOR = 32;
    var S_XML_DECL_ENDING = 33;
    var S_OPEN_TAG = 34;
    var S_OPEN_TAG_SLASH = 35;
    var S_ATTRIB = 36;
    var S_ATTRIB_NAME = 37;
    var S_ATTRIB_NAME_SAW_WHITE = 38;
    var S_ATTRIB_VALUE = 39;
    var S_ATTRIB_VALUE_QUOTED = 40;
    var S_ATTRIB_VALUE_CLOSED = 41;
    var S_ATTRIB_VALUE_UNQUOTED = 42;
    var S_CLOSE_TAG = 43;
    var S_CLOSE_TAG_SAW_WHITE = 44;
    var TAB2 = 9;
    var NL = 10;
    var CR2 = 13;
    var SPACE2 = 32;
    var BANG = 33;
    var DQUOTE = 34;
    var AMP = 38;
    var SQUOTE = 39;
    var MINUS = 45;
    var FORWARD_SLASH = 47;
    var SEMICOLON = 59;
    var LESS = 60;
    var EQUAL = 61;
    var GREATER = 62;
    var QUESTION = 63;
    var OPEN_BRACKET = 91;
    var CLOSE_BRACKET = 93;
    var NEL = 133;
    var LS = 8232;
    var isQuote = (c) => c === DQUOTE || c === SQUOTE;
    var QUOTES = [DQUOTE, SQUOTE];
    var DOCTYPE_TERMINATOR = [...QUOTES, OPEN_BRACKET, GREATER];
    var DTD_TERMINATOR = [...QUOTES, LESS, CLOSE_BRACKET];
    var XML_DECL_NAME_TERMINATOR = [EQUAL, QUESTION, ...S_LIST];
    var ATTRIB_VALUE_UNQUOTED_TERMINATOR = [...S_LIST, GREATER, AMP, LESS];
    function nsPairCheck(parser, prefix, uri) {
      switch (prefix) {
        case "xml":
          if (uri !== XML_NAMESPACE) {
            parser.fail(`xml prefix must be bound to ${XML_NAMESPACE}.`);
          }
          break;
        case "xmlns":
          if (uri !== XMLNS_NAMESPACE) {
            parser.fail(`xmlns prefix must be bound to ${XMLNS_NAMESPACE}.`);
          }
          break;
        default:
      }
      switch (uri) {
        case XMLNS_NAMESPACE:
          parser.fail(prefix === "" ? `the default namespace may not be set to ${uri}.` : `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NAMESPACE}.`);
          break;
        case XML_NAMESPACE:
          switch (prefix) {
            case "xml":
              break;
            case "":
              parser.fail(`the default namespace may not be set to ${uri}.`);
              break;
            default:
              parser.fail("may not assign the xml namespace to another prefix.");
          }
          break;
        default:
      }
    }
    function nsMappingCheck(parser, mapping) {
      for (const local of Object.keys(mapping)) {
        nsPairCheck(parser, local, mapping[local]);
      }
    }
    var isNCName = (name) => NC_NAME_RE.test(name);
    var isName = (name) => NAME_RE.test(name);
    var FORBIDDEN_START = 0;
    var FORBIDDEN_BRACKET = 1;
    var FORBIDDEN_BRACKET_BRACKET = 2;
    exports.EVENTS = [
      "xmldecl",
      "text",
      "processinginstruction",
      "doctype",
      "comment",
      "opentagstart",
      "attribute",
      "opentag",
      "closetag",
      "cdata",
      "error",
      "end",
      "ready"
    ];
    var EVENT_NAME_TO_HANDLER_NAME = {
      xmldecl: "xmldeclHandler",
      text: "textHandler",
      processinginstruction: "piHandler",
      doctype: "doctypeHandler",
      comment: "commentHandler",
      opentagstart: "openTagStartHandler",
      attribute: "attributeHandler",
      opentag: "openTagHandler",
      closetag: "closeTagHandler",
      cdata: "cdataHandler",
      error: "errorHandler",
      end: "endHandler",
      ready: "readyHandler"
    };
    var SaxesParser3 = class {
      /**
       * @param opt The parser options.
       */
      constructor(opt) {
        this.opt = opt !== null && opt !== void 0 ? opt : {};
        this.fragmentOpt = !!this.opt.fragment;
        const xmlnsOpt = this.xmlnsOpt = !!this.opt.xmlns;
        this.trackPosition = this.opt.position !== false;
        this.fileName = this.opt.fileName;
        if (xmlnsOpt) {
          this.nameStartCheck = isNCNameStartChar;
          this.nameCheck = isNCNameChar;
          this.isName = isNCName;
          this.processAttribs = this.processAttribsNS;
          this.pushAttrib = this.pushAttribNS;
          this.ns = Object.assign({ __proto__: null }, rootNS);
          const additional = this.opt.additionalNamespaces;
          if (additional != null) {
            nsMappingCheck(this, additional);
            Object.assign(this.ns, additional);
          }
        } else {
          this.nameStartCheck = isNameStartChar;
          this.nameCheck = isNameChar;
          this.isName = isName;
          this.processAttribs = this.processAttribsPlain;
          this.pushAttrib = this.pushAttribPlain;
        }
        this.stateTable = [
          /* eslint-disable @typescript-eslint/unbound-method */
          this.sBegin,
          this.sBeginWhitespace,
          this.sDoctype,
          this.sDoctypeQuote,
          this.sDTD,
          this.sDTDQuoted,
          this.sDTDOpenWaka,
          this.sDTDOpenWakaBang,
          this.sDTDComment,
          this.sDTDCommentEnding,
          this.sDTDCommentEnded,
          this.sDTDPI,
          this.sDTDPIEnding,
          this.sText,
          this.sEntity,
          this.sOpenWaka,
          this.sOpenWakaBang,
          this.sComment,
          this.sCommentEnding,
          this.sCommentEnded,
          this.sCData,
          this.sCDataEnding,
          this.sCDataEnding2,
          this.sPIFirstChar,
          this.sPIRest,
          this.sPIBody,
          this.sPIEnding,
          this.sXMLDeclNameStart,
          this.sXMLDeclName,
          this.sXMLDeclEq,
          this.sXMLDeclValueStart,
          this.sXMLDeclValue,
          this.sXMLDeclSeparator,
          this.sXMLDeclEnding,
          this.sOpenTag,
          this.sOpenTagSlash,
          this.sAttrib,
          this.sAttribName,
          this.sAttribNameSawWhite,
          this.sAttribValue,
          this.sAttribValueQuoted,
          this.sAttribValueClosed,
          this.sAttribValueUnquoted,
          this.sCloseTag,
          this.sCloseTagSawWhite
          /* eslint-enable @typescript-eslint/unbound-method */
        ];
        this._init();
      }
      /**
       * Indicates whether or not the parser is closed. If ``true``, wait for
       * the ``ready`` event to write again.
       */
      get closed() {
        return this._closed;
      }
      _init() {
        var _a;
        this.openWakaBang = "";
        this.text = "";
        this.name = "";
        this.piTarget = "";
        this.entity = "";
        this.q = null;
        this.tags = [];
        this.tag = null;
        this.topNS = null;
        this.chunk = "";
        this.chunkPosition = 0;
        this.i = 0;
        this.prevI = 0;
        this.carriedFromPrevious = void 0;
        this.forbiddenState = FORBIDDEN_START;
        this.attribList = [];
        const { fragmentOpt } = this;
        this.state = fragmentOpt ? S_TEXT : S_BEGIN;
        this.reportedTextBeforeRoot = this.reportedTextAfterRoot = this.closedRoot = this.sawRoot = fragmentOpt;
        this.xmlDeclPossible = !fragmentOpt;
        this.xmlDeclExpects = ["version"];
        this.entityReturnState = void 0;
        let { defaultXMLVersion } = this.opt;
        if (defaultXMLVersion === void 0) {
          if (this.opt.forceXMLVersion === true) {
            throw new Error("forceXMLVersion set but defaultXMLVersion is not set");
          }
          defaultXMLVersion = "1.0";
        }
        this.setXMLVersion(defaultXMLVersion);
        this.positionAtNewLine = 0;
        this.doctype = false;
        this._closed = false;
        this.xmlDecl = {
          version: void 0,
          encoding: void 0,
          standalone: void 0
        };
        this.line = 1;
        this.column = 0;
        this.ENTITIES = Object.create(XML_ENTITIES);
        (_a = this.readyHandler) === null || _a === void 0 ? void 0 : _a.call(this);
      }
      /**
       * The stream position the parser is currently looking at. This field is
       * zero-based.
       *
       * This field is not based on counting Unicode characters but is to be
       * interpreted as a plain index into a JavaScript string.
       */
      get position() {
        return this.chunkPosition + this.i;
      }
      /**
       * The column number of the next character to be read by the parser.  *
       * This field is zero-based. (The first column in a line is 0.)
       *
       * This field reports the index at which the next character would be in the
       * line if the line were represented as a JavaScript string.  Note that this
       * *can* be different to a count based on the number of *Unicode characters*
       * due to how JavaScript handles astral plane characters.
       *
       * See [[column]] for a number that corresponds to a count of Unicode
       * characters.
       */
      get columnIndex() {
        return this.position - this.positionAtNewLine;
      }
      /**
       * Set an event listener on an event. The parser supports one handler per
       * event type. If you try to set an event handler over an existing handler,
       * the old handler is silently overwritten.
       *
       * @param name The event to listen to.
       *
       * @param handler The handler to set.
       */
      on(name, handler) {
        this[EVENT_NAME_TO_HANDLER_NAME[name]] = handler;
      }
      /**
       * Unset an event handler.
       *
       * @parma name The event to stop listening to.
       */
      off(name) {
        this[EVENT_NAME_TO_HANDLER_NAME[name]] = void 0;
      }
      /**
       * Make an error object. The error object will have a message that contains
       * the ``fileName`` option passed at the creation of the parser. If position
       * tracking was turned on, it will also have line and column number
       * information.
       *
       * @param message The message describing the error to report.
       *
       * @returns An error object with a properly formatted message.
       */
      makeError(message) {
        var _a;
        let msg = (_a = this.fileName) !== null && _a !== void 0 ? _a : "";
        if (this.trackPosition) {
          if (msg.length > 0) {
            msg += ":";
          }
          msg += `${this.line}:${this.column}`;
        }
        if (msg.length > 0) {
          msg += ": ";
        }
        return new Error(msg + message);
      }
      /**
       * Report a parsing error. This method is made public so that client code may
       * check for issues that are outside the scope of this project and can report
       * errors.
       *
       * @param message The error to report.
       *
       * @returns this
       */
      fail(message) {
        const err = this.makeError(message);
        const handler = this.errorHandler;
        if (handler === void 0) {
          throw err;
        } else {
          handler(err);
        }
        return this;
      }
      /**
       * Write a XML data to the parser.
       *
       * @param chunk The XML data to write.
       *
       * @returns this
       */
      // We do need object for the type here. Yes, it often causes problems
      // but not in this case.
      write(chunk) {
        if (this.closed) {
          return this.fail("cannot write after close; assign an onready handler.");
        }
        let end = false;
        if (chunk === null) {
          end = true;
          chunk = "";
        } else if (typeof chunk === "object") {
          chunk = chunk.toString();
        }
        if (this.carriedFromPrevious !== void 0) {
          chunk = `${this.carriedFromPrevious}${chunk}`;
          this.carriedFromPrevious = void 0;
        }
        let limit = chunk.length;
        const lastCode = chunk.charCodeAt(limit - 1);
        if (!end && // A trailing CR or surrogate must be carried over to the next
        // chunk.
        (lastCode === CR2 || lastCode >= 55296 && lastCode <= 56319)) {
          this.carriedFromPrevious = chunk[limit - 1];
          limit--;
          chunk = chunk.slice(0, limit);
        }
        const { stateTable } = this;
        this.chunk = chunk;
        this.i = 0;
        while (this.i < limit) {
          stateTable[this.state].call(this);
        }
        this.chunkPosition += limit;
        return end ? this.end() : this;
      }
      /**
       * Close the current stream. Perform final well-formedness checks and reset
       * the parser tstate.
       *
       * @returns this
       */
      close() {
        return this.write(null);
      }
      /**
       * Get a single code point out of the current chunk. This updates the current
       * position if we do position tracking.
       *
       * This is the algorithm to use for XML 1.0.
       *
       * @returns The character read.
       */
      getCode10() {
        const { chunk, i } = this;
        this.prevI = i;
        this.i = i + 1;
        if (i >= chunk.length) {
          return EOC;
        }
        const code = chunk.charCodeAt(i);
        this.column++;
        if (code < 55296) {
          if (code >= SPACE2 || code === TAB2) {
            return code;
          }
          switch (code) {
            case NL:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL;
            case CR2:
              if (chunk.charCodeAt(i + 1) === NL) {
                this.i = i + 2;
              }
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL_LIKE;
            default:
              this.fail("disallowed character.");
              return code;
          }
        }
        if (code > 56319) {
          if (!(code >= 57344 && code <= 65533)) {
            this.fail("disallowed character.");
          }
          return code;
        }
        const final = 65536 + (code - 55296) * 1024 + (chunk.charCodeAt(i + 1) - 56320);
        this.i = i + 2;
        if (final > 1114111) {
          this.fail("disallowed character.");
        }
        return final;
      }
      /**
       * Get a single code point out of the current chunk. This updates the current
       * position if we do position tracking.
       *
       * This is the algorithm to use for XML 1.1.
       *
       * @returns {number} The character read.
       */
      getCode11() {
        const { chunk, i } = this;
        this.prevI = i;
        this.i = i + 1;
        if (i >= chunk.length) {
          return EOC;
        }
        const code = chunk.charCodeAt(i);
        this.column++;
        if (code < 55296) {
          if (code > 31 && code < 127 || code > 159 && code !== LS || code === TAB2) {
            return code;
          }
          switch (code) {
            case NL:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL;
            case CR2: {
              const next = chunk.charCodeAt(i + 1);
              if (next === NL || next === NEL) {
                this.i = i + 2;
              }
            }
            /* yes, fall through */
            case NEL:
            // 0x85
            case LS:
              this.line++;
              this.column = 0;
              this.positionAtNewLine = this.position;
              return NL_LIKE;
            default:
              this.fail("disallowed character.");
              return code;
          }
        }
        if (code > 56319) {
          if (!(code >= 57344 && code <= 65533)) {
            this.fail("disallowed character.");
          }
          return code;
        }
        const final = 65536 + (code - 55296) * 1024 + (chunk.charCodeAt(i + 1) - 56320);
        this.i = i + 2;
        if (final > 1114111) {
          this.fail("disallowed character.");
        }
        return final;
      }
      /**
       * Like ``getCode`` but with the return value normalized so that ``NL`` is
       * returned for ``NL_LIKE``.
       */
      getCodeNorm() {
        const c = this.getCode();
        return c === NL_LIKE ? NL : c;
      }
      unget() {
        this.i = this.prevI;
        this.column--;
      }
      /**
       * Capture characters into a buffer until encountering one of a set of
       * characters.
       *
       * @param chars An array of codepoints. Encountering a character in the array
       * ends the capture. (``chars`` may safely contain ``NL``.)
       *
       * @return The character code that made the capture end, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      captureTo(chars) {
        let { i: start } = this;
        const { chunk } = this;
        while (true) {
          const c = this.getCode();
          const isNLLike = c === NL_LIKE;
          const final = isNLLike ? NL : c;
          if (final === EOC || chars.includes(final)) {
            this.text += chunk.slice(start, this.prevI);
            return final;
          }
          if (isNLLike) {
            this.text += `${chunk.slice(start, this.prevI)}
`;
            start = this.i;
          }
        }
      }
      /**
       * Capture characters into a buffer until encountering a character.
       *
       * @param char The codepoint that ends the capture. **NOTE ``char`` MAY NOT
       * CONTAIN ``NL``.** Passing ``NL`` will result in buggy behavior.
       *
       * @return ``true`` if we ran into the character. Otherwise, we ran into the
       * end of the current chunk.
       */
      captureToChar(char) {
        let { i: start } = this;
        const { chunk } = this;
        while (true) {
          let c = this.getCode();
          switch (c) {
            case NL_LIKE:
              this.text += `${chunk.slice(start, this.prevI)}
`;
              start = this.i;
              c = NL;
              break;
            case EOC:
              this.text += chunk.slice(start);
              return false;
            default:
          }
          if (c === char) {
            this.text += chunk.slice(start, this.prevI);
            return true;
          }
        }
      }
      /**
       * Capture characters that satisfy ``isNameChar`` into the ``name`` field of
       * this parser.
       *
       * @return The character code that made the test fail, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      captureNameChars() {
        const { chunk, i: start } = this;
        while (true) {
          const c = this.getCode();
          if (c === EOC) {
            this.name += chunk.slice(start);
            return EOC;
          }
          if (!isNameChar(c)) {
            this.name += chunk.slice(start, this.prevI);
            return c === NL_LIKE ? NL : c;
          }
        }
      }
      /**
       * Skip white spaces.
       *
       * @return The character that ended the skip, or ``EOC`` if we hit
       * the end of the chunk. The return value cannot be NL_LIKE: NL is returned
       * instead.
       */
      skipSpaces() {
        while (true) {
          const c = this.getCodeNorm();
          if (c === EOC || !isS2(c)) {
            return c;
          }
        }
      }
      setXMLVersion(version) {
        this.currentXMLVersion = version;
        if (version === "1.0") {
          this.isChar = isChar10;
          this.getCode = this.getCode10;
        } else {
          this.isChar = isChar11;
          this.getCode = this.getCode11;
        }
      }
      // STATE ENGINE METHODS
      // This needs to be a state separate from S_BEGIN_WHITESPACE because we want
      // to be sure never to come back to this state later.
      sBegin() {
        if (this.chunk.charCodeAt(0) === 65279) {
          this.i++;
          this.column++;
        }
        this.state = S_BEGIN_WHITESPACE;
      }
      sBeginWhitespace() {
        const iBefore = this.i;
        const c = this.skipSpaces();
        if (this.prevI !== iBefore) {
          this.xmlDeclPossible = false;
        }
        switch (c) {
          case LESS:
            this.state = S_OPEN_WAKA;
            if (this.text.length !== 0) {
              throw new Error("no-empty text at start");
            }
            break;
          case EOC:
            break;
          default:
            this.unget();
            this.state = S_TEXT;
            this.xmlDeclPossible = false;
        }
      }
      sDoctype() {
        var _a;
        const c = this.captureTo(DOCTYPE_TERMINATOR);
        switch (c) {
          case GREATER: {
            (_a = this.doctypeHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
            this.text = "";
            this.state = S_TEXT;
            this.doctype = true;
            break;
          }
          case EOC:
            break;
          default:
            this.text += String.fromCodePoint(c);
            if (c === OPEN_BRACKET) {
              this.state = S_DTD;
            } else if (isQuote(c)) {
              this.state = S_DOCTYPE_QUOTE;
              this.q = c;
            }
        }
      }
      sDoctypeQuote() {
        const q = this.q;
        if (this.captureToChar(q)) {
          this.text += String.fromCodePoint(q);
          this.q = null;
          this.state = S_DOCTYPE;
        }
      }
      sDTD() {
        const c = this.captureTo(DTD_TERMINATOR);
        if (c === EOC) {
          return;
        }
        this.text += String.fromCodePoint(c);
        if (c === CLOSE_BRACKET) {
          this.state = S_DOCTYPE;
        } else if (c === LESS) {
          this.state = S_DTD_OPEN_WAKA;
        } else if (isQuote(c)) {
          this.state = S_DTD_QUOTED;
          this.q = c;
        }
      }
      sDTDQuoted() {
        const q = this.q;
        if (this.captureToChar(q)) {
          this.text += String.fromCodePoint(q);
          this.state = S_DTD;
          this.q = null;
        }
      }
      sDTDOpenWaka() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        switch (c) {
          case BANG:
            this.state = S_DTD_OPEN_WAKA_BANG;
            this.openWakaBang = "";
            break;
          case QUESTION:
            this.state = S_DTD_PI;
            break;
          default:
            this.state = S_DTD;
        }
      }
      sDTDOpenWakaBang() {
        const char = String.fromCodePoint(this.getCodeNorm());
        const owb = this.openWakaBang += char;
        this.text += char;
        if (owb !== "-") {
          this.state = owb === "--" ? S_DTD_COMMENT : S_DTD;
          this.openWakaBang = "";
        }
      }
      sDTDComment() {
        if (this.captureToChar(MINUS)) {
          this.text += "-";
          this.state = S_DTD_COMMENT_ENDING;
        }
      }
      sDTDCommentEnding() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        this.state = c === MINUS ? S_DTD_COMMENT_ENDED : S_DTD_COMMENT;
      }
      sDTDCommentEnded() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        if (c === GREATER) {
          this.state = S_DTD;
        } else {
          this.fail("malformed comment.");
          this.state = S_DTD_COMMENT;
        }
      }
      sDTDPI() {
        if (this.captureToChar(QUESTION)) {
          this.text += "?";
          this.state = S_DTD_PI_ENDING;
        }
      }
      sDTDPIEnding() {
        const c = this.getCodeNorm();
        this.text += String.fromCodePoint(c);
        if (c === GREATER) {
          this.state = S_DTD;
        }
      }
      sText() {
        if (this.tags.length !== 0) {
          this.handleTextInRoot();
        } else {
          this.handleTextOutsideRoot();
        }
      }
      sEntity() {
        let { i: start } = this;
        const { chunk } = this;
        loop:
          while (true) {
            switch (this.getCode()) {
              case NL_LIKE:
                this.entity += `${chunk.slice(start, this.prevI)}
`;
                start = this.i;
                break;
              case SEMICOLON: {
                const { entityReturnState } = this;
                const entity = this.entity + chunk.slice(start, this.prevI);
                this.state = entityReturnState;
                let parsed;
                if (entity === "") {
                  this.fail("empty entity name.");
                  parsed = "&;";
                } else {
                  parsed = this.parseEntity(entity);
                  this.entity = "";
                }
                if (entityReturnState !== S_TEXT || this.textHandler !== void 0) {
                  this.text += parsed;
                }
                break loop;
              }
              case EOC:
                this.entity += chunk.slice(start);
                break loop;
              default:
            }
          }
      }
      sOpenWaka() {
        const c = this.getCode();
        if (isNameStartChar(c)) {
          this.state = S_OPEN_TAG;
          this.unget();
          this.xmlDeclPossible = false;
        } else {
          switch (c) {
            case FORWARD_SLASH:
              this.state = S_CLOSE_TAG;
              this.xmlDeclPossible = false;
              break;
            case BANG:
              this.state = S_OPEN_WAKA_BANG;
              this.openWakaBang = "";
              this.xmlDeclPossible = false;
              break;
            case QUESTION:
              this.state = S_PI_FIRST_CHAR;
              break;
            default:
              this.fail("disallowed character in tag name");
              this.state = S_TEXT;
              this.xmlDeclPossible = false;
          }
        }
      }
      sOpenWakaBang() {
        this.openWakaBang += String.fromCodePoint(this.getCodeNorm());
        switch (this.openWakaBang) {
          case "[CDATA[":
            if (!this.sawRoot && !this.reportedTextBeforeRoot) {
              this.fail("text data outside of root node.");
              this.reportedTextBeforeRoot = true;
            }
            if (this.closedRoot && !this.reportedTextAfterRoot) {
              this.fail("text data outside of root node.");
              this.reportedTextAfterRoot = true;
            }
            this.state = S_CDATA;
            this.openWakaBang = "";
            break;
          case "--":
            this.state = S_COMMENT;
            this.openWakaBang = "";
            break;
          case "DOCTYPE":
            this.state = S_DOCTYPE;
            if (this.doctype || this.sawRoot) {
              this.fail("inappropriately located doctype declaration.");
            }
            this.openWakaBang = "";
            break;
          default:
            if (this.openWakaBang.length >= 7) {
              this.fail("incorrect syntax.");
            }
        }
      }
      sComment() {
        if (this.captureToChar(MINUS)) {
          this.state = S_COMMENT_ENDING;
        }
      }
      sCommentEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === MINUS) {
          this.state = S_COMMENT_ENDED;
          (_a = this.commentHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
          this.text = "";
        } else {
          this.text += `-${String.fromCodePoint(c)}`;
          this.state = S_COMMENT;
        }
      }
      sCommentEnded() {
        const c = this.getCodeNorm();
        if (c !== GREATER) {
          this.fail("malformed comment.");
          this.text += `--${String.fromCodePoint(c)}`;
          this.state = S_COMMENT;
        } else {
          this.state = S_TEXT;
        }
      }
      sCData() {
        if (this.captureToChar(CLOSE_BRACKET)) {
          this.state = S_CDATA_ENDING;
        }
      }
      sCDataEnding() {
        const c = this.getCodeNorm();
        if (c === CLOSE_BRACKET) {
          this.state = S_CDATA_ENDING_2;
        } else {
          this.text += `]${String.fromCodePoint(c)}`;
          this.state = S_CDATA;
        }
      }
      sCDataEnding2() {
        var _a;
        const c = this.getCodeNorm();
        switch (c) {
          case GREATER: {
            (_a = this.cdataHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.text);
            this.text = "";
            this.state = S_TEXT;
            break;
          }
          case CLOSE_BRACKET:
            this.text += "]";
            break;
          default:
            this.text += `]]${String.fromCodePoint(c)}`;
            this.state = S_CDATA;
        }
      }
      // We need this separate state to check the first character fo the pi target
      // with this.nameStartCheck which allows less characters than this.nameCheck.
      sPIFirstChar() {
        const c = this.getCodeNorm();
        if (this.nameStartCheck(c)) {
          this.piTarget += String.fromCodePoint(c);
          this.state = S_PI_REST;
        } else if (c === QUESTION || isS2(c)) {
          this.fail("processing instruction without a target.");
          this.state = c === QUESTION ? S_PI_ENDING : S_PI_BODY;
        } else {
          this.fail("disallowed character in processing instruction name.");
          this.piTarget += String.fromCodePoint(c);
          this.state = S_PI_REST;
        }
      }
      sPIRest() {
        const { chunk, i: start } = this;
        while (true) {
          const c = this.getCodeNorm();
          if (c === EOC) {
            this.piTarget += chunk.slice(start);
            return;
          }
          if (!this.nameCheck(c)) {
            this.piTarget += chunk.slice(start, this.prevI);
            const isQuestion = c === QUESTION;
            if (isQuestion || isS2(c)) {
              if (this.piTarget === "xml") {
                if (!this.xmlDeclPossible) {
                  this.fail("an XML declaration must be at the start of the document.");
                }
                this.state = isQuestion ? S_XML_DECL_ENDING : S_XML_DECL_NAME_START;
              } else {
                this.state = isQuestion ? S_PI_ENDING : S_PI_BODY;
              }
            } else {
              this.fail("disallowed character in processing instruction name.");
              this.piTarget += String.fromCodePoint(c);
            }
            break;
          }
        }
      }
      sPIBody() {
        if (this.text.length === 0) {
          const c = this.getCodeNorm();
          if (c === QUESTION) {
            this.state = S_PI_ENDING;
          } else if (!isS2(c)) {
            this.text = String.fromCodePoint(c);
          }
        } else if (this.captureToChar(QUESTION)) {
          this.state = S_PI_ENDING;
        }
      }
      sPIEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === GREATER) {
          const { piTarget } = this;
          if (piTarget.toLowerCase() === "xml") {
            this.fail("the XML declaration must appear at the start of the document.");
          }
          (_a = this.piHandler) === null || _a === void 0 ? void 0 : _a.call(this, {
            target: piTarget,
            body: this.text
          });
          this.piTarget = this.text = "";
          this.state = S_TEXT;
        } else if (c === QUESTION) {
          this.text += "?";
        } else {
          this.text += `?${String.fromCodePoint(c)}`;
          this.state = S_PI_BODY;
        }
        this.xmlDeclPossible = false;
      }
      sXMLDeclNameStart() {
        const c = this.skipSpaces();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          return;
        }
        if (c !== EOC) {
          this.state = S_XML_DECL_NAME;
          this.name = String.fromCodePoint(c);
        }
      }
      sXMLDeclName() {
        const c = this.captureTo(XML_DECL_NAME_TERMINATOR);
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.name += this.text;
          this.text = "";
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (!(isS2(c) || c === EQUAL)) {
          return;
        }
        this.name += this.text;
        this.text = "";
        if (!this.xmlDeclExpects.includes(this.name)) {
          switch (this.name.length) {
            case 0:
              this.fail("did not expect any more name/value pairs.");
              break;
            case 1:
              this.fail(`expected the name ${this.xmlDeclExpects[0]}.`);
              break;
            default:
              this.fail(`expected one of ${this.xmlDeclExpects.join(", ")}`);
          }
        }
        this.state = c === EQUAL ? S_XML_DECL_VALUE_START : S_XML_DECL_EQ;
      }
      sXMLDeclEq() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (isS2(c)) {
          return;
        }
        if (c !== EQUAL) {
          this.fail("value required.");
        }
        this.state = S_XML_DECL_VALUE_START;
      }
      sXMLDeclValueStart() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (isS2(c)) {
          return;
        }
        if (!isQuote(c)) {
          this.fail("value must be quoted.");
          this.q = SPACE2;
        } else {
          this.q = c;
        }
        this.state = S_XML_DECL_VALUE;
      }
      sXMLDeclValue() {
        const c = this.captureTo([this.q, QUESTION]);
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          this.text = "";
          this.fail("XML declaration is incomplete.");
          return;
        }
        if (c === EOC) {
          return;
        }
        const value = this.text;
        this.text = "";
        switch (this.name) {
          case "version": {
            this.xmlDeclExpects = ["encoding", "standalone"];
            const version = value;
            this.xmlDecl.version = version;
            if (!/^1\.[0-9]+$/.test(version)) {
              this.fail("version number must match /^1\\.[0-9]+$/.");
            } else if (!this.opt.forceXMLVersion) {
              this.setXMLVersion(version);
            }
            break;
          }
          case "encoding":
            if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) {
              this.fail("encoding value must match /^[A-Za-z0-9][A-Za-z0-9._-]*$/.");
            }
            this.xmlDeclExpects = ["standalone"];
            this.xmlDecl.encoding = value;
            break;
          case "standalone":
            if (value !== "yes" && value !== "no") {
              this.fail('standalone value must match "yes" or "no".');
            }
            this.xmlDeclExpects = [];
            this.xmlDecl.standalone = value;
            break;
          default:
        }
        this.name = "";
        this.state = S_XML_DECL_SEPARATOR;
      }
      sXMLDeclSeparator() {
        const c = this.getCodeNorm();
        if (c === QUESTION) {
          this.state = S_XML_DECL_ENDING;
          return;
        }
        if (!isS2(c)) {
          this.fail("whitespace required.");
          this.unget();
        }
        this.state = S_XML_DECL_NAME_START;
      }
      sXMLDeclEnding() {
        var _a;
        const c = this.getCodeNorm();
        if (c === GREATER) {
          if (this.piTarget !== "xml") {
            this.fail("processing instructions are not allowed before root.");
          } else if (this.name !== "version" && this.xmlDeclExpects.includes("version")) {
            this.fail("XML declaration must contain a version.");
          }
          (_a = this.xmldeclHandler) === null || _a === void 0 ? void 0 : _a.call(this, this.xmlDecl);
          this.name = "";
          this.piTarget = this.text = "";
          this.state = S_TEXT;
        } else {
          this.fail("The character ? is disallowed anywhere in XML declarations.");
        }
        this.xmlDeclPossible = false;
      }
      sOpenTag() {
        var _a;
        const c = this.captureNameChars();
        if (c === EOC) {
          return;
        }
        const tag = this.tag = {
          name: this.name,
          attributes: /* @__PURE__ */ Object.create(null)
        };
        this.name = "";
        if (this.xmlnsOpt) {
          this.topNS = tag.ns = /* @__PURE__ */ Object.create(null);
        }
        (_a = this.openTagStartHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        this.sawRoot = true;
        if (!this.fragmentOpt && this.closedRoot) {
          this.fail("documents may contain only one root.");
        }
        switch (c) {
          case GREATER:
            this.openTag();
            break;
          case FORWARD_SLASH:
            this.state = S_OPEN_TAG_SLASH;
            break;
          default:
            if (!isS2(c)) {
              this.fail("disallowed character in tag name.");
            }
            this.state = S_ATTRIB;
        }
      }
      sOpenTagSlash() {
        if (this.getCode() === GREATER) {
          this.openSelfClosingTag();
        } else {
          this.fail("forward-slash in opening tag not followed by >.");
          this.state = S_ATTRIB;
        }
      }
      sAttrib() {
        const c = this.skipSpaces();
        if (c === EOC) {
          return;
        }
        if (isNameStartChar(c)) {
          this.unget();
          this.state = S_ATTRIB_NAME;
        } else if (c === GREATER) {
          this.openTag();
        } else if (c === FORWARD_SLASH) {
          this.state = S_OPEN_TAG_SLASH;
        } else {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribName() {
        const c = this.captureNameChars();
        if (c === EQUAL) {
          this.state = S_ATTRIB_VALUE;
        } else if (isS2(c)) {
          this.state = S_ATTRIB_NAME_SAW_WHITE;
        } else if (c === GREATER) {
          this.fail("attribute without value.");
          this.pushAttrib(this.name, this.name);
          this.name = this.text = "";
          this.openTag();
        } else if (c !== EOC) {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribNameSawWhite() {
        const c = this.skipSpaces();
        switch (c) {
          case EOC:
            return;
          case EQUAL:
            this.state = S_ATTRIB_VALUE;
            break;
          default:
            this.fail("attribute without value.");
            this.text = "";
            this.name = "";
            if (c === GREATER) {
              this.openTag();
            } else if (isNameStartChar(c)) {
              this.unget();
              this.state = S_ATTRIB_NAME;
            } else {
              this.fail("disallowed character in attribute name.");
              this.state = S_ATTRIB;
            }
        }
      }
      sAttribValue() {
        const c = this.getCodeNorm();
        if (isQuote(c)) {
          this.q = c;
          this.state = S_ATTRIB_VALUE_QUOTED;
        } else if (!isS2(c)) {
          this.fail("unquoted attribute value.");
          this.state = S_ATTRIB_VALUE_UNQUOTED;
          this.unget();
        }
      }
      sAttribValueQuoted() {
        const { q, chunk } = this;
        let { i: start } = this;
        while (true) {
          switch (this.getCode()) {
            case q:
              this.pushAttrib(this.name, this.text + chunk.slice(start, this.prevI));
              this.name = this.text = "";
              this.q = null;
              this.state = S_ATTRIB_VALUE_CLOSED;
              return;
            case AMP:
              this.text += chunk.slice(start, this.prevI);
              this.state = S_ENTITY;
              this.entityReturnState = S_ATTRIB_VALUE_QUOTED;
              return;
            case NL:
            case NL_LIKE:
            case TAB2:
              this.text += `${chunk.slice(start, this.prevI)} `;
              start = this.i;
              break;
            case LESS:
              this.text += chunk.slice(start, this.prevI);
              this.fail("disallowed character.");
              return;
            case EOC:
              this.text += chunk.slice(start);
              return;
            default:
          }
        }
      }
      sAttribValueClosed() {
        const c = this.getCodeNorm();
        if (isS2(c)) {
          this.state = S_ATTRIB;
        } else if (c === GREATER) {
          this.openTag();
        } else if (c === FORWARD_SLASH) {
          this.state = S_OPEN_TAG_SLASH;
        } else if (isNameStartChar(c)) {
          this.fail("no whitespace between attributes.");
          this.unget();
          this.state = S_ATTRIB_NAME;
        } else {
          this.fail("disallowed character in attribute name.");
        }
      }
      sAttribValueUnquoted() {
        const c = this.captureTo(ATTRIB_VALUE_UNQUOTED_TERMINATOR);
        switch (c) {
          case AMP:
            this.state = S_ENTITY;
            this.entityReturnState = S_ATTRIB_VALUE_UNQUOTED;
            break;
          case LESS:
            this.fail("disallowed character.");
            break;
          case EOC:
            break;
          default:
            if (this.text.includes("]]>")) {
              this.fail('the string "]]>" is disallowed in char data.');
            }
            this.pushAttrib(this.name, this.text);
            this.name = this.text = "";
            if (c === GREATER) {
              this.openTag();
            } else {
              this.state = S_ATTRIB;
            }
        }
      }
      sCloseTag() {
        const c = this.captureNameChars();
        if (c === GREATER) {
          this.closeTag();
        } else if (isS2(c)) {
          this.state = S_CLOSE_TAG_SAW_WHITE;
        } else if (c !== EOC) {
          this.fail("disallowed character in closing tag.");
        }
      }
      sCloseTagSawWhite() {
        switch (this.skipSpaces()) {
          case GREATER:
            this.closeTag();
            break;
          case EOC:
            break;
          default:
            this.fail("disallowed character in closing tag.");
        }
      }
      // END OF STATE ENGINE METHODS
      handleTextInRoot() {
        let { i: start, forbiddenState } = this;
        const { chunk, textHandler: handler } = this;
        scanLoop:
          while (true) {
            switch (this.getCode()) {
              case LESS: {
                this.state = S_OPEN_WAKA;
                if (handler !== void 0) {
                  const { text } = this;
                  const slice = chunk.slice(start, this.prevI);
                  if (text.length !== 0) {
                    handler(text + slice);
                    this.text = "";
                  } else if (slice.length !== 0) {
                    handler(slice);
                  }
                }
                forbiddenState = FORBIDDEN_START;
                break scanLoop;
              }
              case AMP:
                this.state = S_ENTITY;
                this.entityReturnState = S_TEXT;
                if (handler !== void 0) {
                  this.text += chunk.slice(start, this.prevI);
                }
                forbiddenState = FORBIDDEN_START;
                break scanLoop;
              case CLOSE_BRACKET:
                switch (forbiddenState) {
                  case FORBIDDEN_START:
                    forbiddenState = FORBIDDEN_BRACKET;
                    break;
                  case FORBIDDEN_BRACKET:
                    forbiddenState = FORBIDDEN_BRACKET_BRACKET;
                    break;
                  case FORBIDDEN_BRACKET_BRACKET:
                    break;
                  default:
                    throw new Error("impossible state");
                }
                break;
              case GREATER:
                if (forbiddenState === FORBIDDEN_BRACKET_BRACKET) {
                  this.fail('the string "]]>" is disallowed in char data.');
                }
                forbiddenState = FORBIDDEN_START;
                break;
              case NL_LIKE:
                if (handler !== void 0) {
                  this.text += `${chunk.slice(start, this.prevI)}
`;
                }
                start = this.i;
                forbiddenState = FORBIDDEN_START;
                break;
              case EOC:
                if (handler !== void 0) {
                  this.text += chunk.slice(start);
                }
                break scanLoop;
              default:
                forbiddenState = FORBIDDEN_START;
            }
          }
        this.forbiddenState = forbiddenState;
      }
      handleTextOutsideRoot() {
        let { i: start } = this;
        const { chunk, textHandler: handler } = this;
        let nonSpace = false;
        outRootLoop:
          while (true) {
            const code = this.getCode();
            switch (code) {
              case LESS: {
                this.state = S_OPEN_WAKA;
                if (handler !== void 0) {
                  const { text } = this;
                  const slice = chunk.slice(start, this.prevI);
                  if (text.length !== 0) {
                    handler(text + slice);
                    this.text = "";
                  } else if (slice.length !== 0) {
                    handler(slice);
                  }
                }
                break outRootLoop;
              }
              case AMP:
                this.state = S_ENTITY;
                this.entityReturnState = S_TEXT;
                if (handler !== void 0) {
                  this.text += chunk.slice(start, this.prevI);
                }
                nonSpace = true;
                break outRootLoop;
              case NL_LIKE:
                if (handler !== void 0) {
                  this.text += `${chunk.slice(start, this.prevI)}
`;
                }
                start = this.i;
                break;
              case EOC:
                if (handler !== void 0) {
                  this.text += chunk.slice(start);
                }
                break outRootLoop;
              default:
                if (!isS2(code)) {
                  nonSpace = true;
                }
            }
          }
        if (!nonSpace) {
          return;
        }
        if (!this.sawRoot && !this.reportedTextBeforeRoot) {
          this.fail("text data outside of root node.");
          this.reportedTextBeforeRoot = true;
        }
        if (this.closedRoot && !this.reportedTextAfterRoot) {
          this.fail("text data outside of root node.");
          this.reportedTextAfterRoot = true;
        }
      }
      pushAttribNS(name, value) {
        var _a;
        const { prefix, local } = this.qname(name);
        const attr = { name, prefix, local, value };
        this.attribList.push(attr);
        (_a = this.attributeHandler) === null || _a === void 0 ? void 0 : _a.call(this, attr);
        if (prefix === "xmlns") {
          const trimmed = value.trim();
          if (this.currentXMLVersion === "1.0" && trimmed === "") {
            this.fail("invalid attempt to undefine prefix in XML 1.0");
          }
          this.topNS[local] = trimmed;
          nsPairCheck(this, local, trimmed);
        } else if (name === "xmlns") {
          const trimmed = value.trim();
          this.topNS[""] = trimmed;
          nsPairCheck(this, "", trimmed);
        }
      }
      pushAttribPlain(name, value) {
        var _a;
        const attr = { name, value };
        this.attribList.push(attr);
        (_a = this.attributeHandler) === null || _a === void 0 ? void 0 : _a.call(this, attr);
      }
      /**
       * End parsing. This performs final well-formedness checks and resets the
       * parser to a clean state.
       *
       * @returns this
       */
      end() {
        var _a, _b;
        if (!this.sawRoot) {
          this.fail("document must contain a root element.");
        }
        const { tags } = this;
        while (tags.length > 0) {
          const tag = tags.pop();
          this.fail(`unclosed tag: ${tag.name}`);
        }
        if (this.state !== S_BEGIN && this.state !== S_TEXT) {
          this.fail("unexpected end.");
        }
        const { text } = this;
        if (text.length !== 0) {
          (_a = this.textHandler) === null || _a === void 0 ? void 0 : _a.call(this, text);
          this.text = "";
        }
        this._closed = true;
        (_b = this.endHandler) === null || _b === void 0 ? void 0 : _b.call(this);
        this._init();
        return this;
      }
      /**
       * Resolve a namespace prefix.
       *
       * @param prefix The prefix to resolve.
       *
       * @returns The namespace URI or ``undefined`` if the prefix is not defined.
       */
      resolve(prefix) {
        var _a, _b;
        let uri = this.topNS[prefix];
        if (uri !== void 0) {
          return uri;
        }
        const { tags } = this;
        for (let index = tags.length - 1; index >= 0; index--) {
          uri = tags[index].ns[prefix];
          if (uri !== void 0) {
            return uri;
          }
        }
        uri = this.ns[prefix];
        if (uri !== void 0) {
          return uri;
        }
        return (_b = (_a = this.opt).resolvePrefix) === null || _b === void 0 ? void 0 : _b.call(_a, prefix);
      }
      /**
       * Parse a qname into its prefix and local name parts.
       *
       * @param name The name to parse
       *
       * @returns
       */
      qname(name) {
        const colon = name.indexOf(":");
        if (colon === -1) {
          return { prefix: "", local: name };
        }
        const local = name.slice(colon + 1);
        const prefix = name.slice(0, colon);
        if (prefix === "" || local === "" || local.includes(":")) {
          this.fail(`malformed name: ${name}.`);
        }
        return { prefix, local };
      }
      processAttribsNS() {
        var _a;
        const { attribList } = this;
        const tag = this.tag;
        {
          const { prefix, local } = this.qname(tag.name);
          tag.prefix = prefix;
          tag.local = local;
          const uri = tag.uri = (_a = this.resolve(prefix)) !== null && _a !== void 0 ? _a : "";
          if (prefix !== "") {
            if (prefix === "xmlns") {
              this.fail('tags may not have "xmlns" as prefix.');
            }
            if (uri === "") {
              this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
              tag.uri = prefix;
            }
          }
        }
        if (attribList.length === 0) {
          return;
        }
        const { attributes } = tag;
        const seen = /* @__PURE__ */ new Set();
        for (const attr of attribList) {
          const { name, prefix, local } = attr;
          let uri;
          let eqname;
          if (prefix === "") {
            uri = name === "xmlns" ? XMLNS_NAMESPACE : "";
            eqname = name;
          } else {
            uri = this.resolve(prefix);
            if (uri === void 0) {
              this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
              uri = prefix;
            }
            eqname = `{${uri}}${local}`;
          }
          if (seen.has(eqname)) {
            this.fail(`duplicate attribute: ${eqname}.`);
          }
          seen.add(eqname);
          attr.uri = uri;
          attributes[name] = attr;
        }
        this.attribList = [];
      }
      processAttribsPlain() {
        const { attribList } = this;
        const attributes = this.tag.attributes;
        for (const { name, value } of attribList) {
          if (attributes[name] !== void 0) {
            this.fail(`duplicate attribute: ${name}.`);
          }
          attributes[name] = value;
        }
        this.attribList = [];
      }
      /**
       * Handle a complete open tag. This parser code calls this once it has seen
       * the whole tag. This method checks for well-formeness and then emits
       * ``onopentag``.
       */
      openTag() {
        var _a;
        this.processAttribs();
        const { tags } = this;
        const tag = this.tag;
        tag.isSelfClosing = false;
        (_a = this.openTagHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        tags.push(tag);
        this.state = S_TEXT;
        this.name = "";
      }
      /**
       * Handle a complete self-closing tag. This parser code calls this once it has
       * seen the whole tag. This method checks for well-formeness and then emits
       * ``onopentag`` and ``onclosetag``.
       */
      openSelfClosingTag() {
        var _a, _b, _c;
        this.processAttribs();
        const { tags } = this;
        const tag = this.tag;
        tag.isSelfClosing = true;
        (_a = this.openTagHandler) === null || _a === void 0 ? void 0 : _a.call(this, tag);
        (_b = this.closeTagHandler) === null || _b === void 0 ? void 0 : _b.call(this, tag);
        const top = this.tag = (_c = tags[tags.length - 1]) !== null && _c !== void 0 ? _c : null;
        if (top === null) {
          this.closedRoot = true;
        }
        this.state = S_TEXT;
        this.name = "";
      }
      /**
       * Handle a complete close tag. This parser code calls this once it has seen
       * the whole tag. This method checks for well-formeness and then emits
       * ``onclosetag``.
       */
      closeTag() {
        const { tags, name } = this;
        this.state = S_TEXT;
        this.name = "";
        if (name === "") {
          this.fail("weird empty close tag.");
          this.text += "</>";
          return;
        }
        const handler = this.closeTagHandler;
        let l = tags.length;
        while (l-- > 0) {
          const tag = this.tag = tags.pop();
          this.topNS = tag.ns;
          handler === null || handler === void 0 ? void 0 : handler(tag);
          if (tag.name === name) {
            break;
          }
          this.fail("unexpected close tag.");
        }
        if (l === 0) {
          this.closedRoot = true;
        } else if (l < 0) {
          this.fail(`unmatched closing tag: ${name}.`);
          this.text += `</${name}>`;
        }
      }
      /**
       * Resolves an entity. Makes any necessary well-formedness checks.
       *
       * @param entity The entity to resolve.
       *
       * @returns The parsed entity.
       */
      parseEntity(entity) {
        if (entity[0] !== "#") {
          const defined = this.ENTITIES[entity];
          if (defined !== void 0) {
            return defined;
          }
          this.fail(this.isName(entity) ? "undefined entity." : "disallowed character in entity name.");
          return `&${entity};`;
        }
        let num = NaN;
        if (entity[1] === "x" && /^#x[0-9a-f]+$/i.test(entity)) {
          num = parseInt(entity.slice(2), 16);
        } else if (/^#[0-9]+$/.test(entity)) {
          num = parseInt(entity.slice(1), 10);
        }
        if (!this.isChar(num)) {
          this.fail("malformed character entity.");
          return `&${entity};`;
        }
        return String.fromCodePoint(num);
      }
    };
    exports.SaxesParser = SaxesParser3;
  }
});

// ../../../tmp/tmxfast/p5.mts
import { createReadStream } from "node:fs";

// src/core/errors.ts
var AtelierError = class _AtelierError extends Error {
  code;
  params;
  location;
  constructor(code, params = {}, location = {}) {
    super(`${code}${formatLocation(location) ? ` at ${formatLocation(location)}` : ""}: ${JSON.stringify(params)}`);
    this.name = "AtelierError";
    this.code = code;
    this.params = params;
    this.location = location;
  }
  /** Same error, located in a file (readers often learn the file name late). */
  inFile(file) {
    return new _AtelierError(this.code, this.params, { ...this.location, file });
  }
};
function formatLocation(loc) {
  const parts = [];
  if (loc.file) {
    let p = loc.file;
    if (loc.line != null) p += `:${loc.line}${loc.column != null ? `:${loc.column}` : ""}`;
    else if (loc.offset != null) p += ` (byte ${loc.offset})`;
    parts.push(p);
  } else if (loc.line != null) {
    parts.push(`${loc.line}${loc.column != null ? `:${loc.column}` : ""}`);
  }
  if (loc.document != null) parts.push(`document ${loc.document}`);
  if (loc.segment != null) parts.push(`segment ${loc.segment}`);
  return parts.join(", ");
}

// src/core/formats/tmx/decode.ts
var SLICE = 64 * 1024;
var HEAD = 1024;
async function* decodeChunks(input, file, onProgress) {
  let decoder = null;
  let head = new Uint8Array(0);
  let consumed = 0;
  const decode = (bytes, stream) => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      const at = firstInvalidUtf8(bytes);
      throw new AtelierError(
        "encoding_invalid_utf8",
        { byte: `0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, "0")}` },
        { file, offset: consumed - bytes.length + at }
      );
    }
  };
  for await (const chunk of slices(input)) {
    consumed += chunk.length;
    if (!decoder) {
      head = concat(head, chunk);
      if (head.length < HEAD && !head.includes(
        62
        /* > */
      )) continue;
      decoder = pickDecoder(head, file);
      const text = decode(head, true);
      head = new Uint8Array(0);
      if (text) yield text;
    } else {
      const text = decode(chunk, true);
      if (text) yield text;
    }
    onProgress?.(consumed);
  }
  if (!decoder) {
    decoder = pickDecoder(head, file);
    const text = decode(head, true);
    if (text) yield text;
    onProgress?.(consumed);
  }
  const tail = decode(new Uint8Array(0), false);
  if (tail) yield tail;
}
async function* slices(input) {
  if (input instanceof Uint8Array) {
    for (let i = 0; i < input.length; i += SLICE) yield input.subarray(i, i + SLICE);
    return;
  }
  for await (const c of input) {
    yield typeof c === "string" ? new TextEncoder().encode(c) : c;
  }
}
function pickDecoder(b, file) {
  if (b[0] === 239 && b[1] === 187 && b[2] === 191) return new TextDecoder("utf-8", { fatal: true });
  if (b[0] === 255 && b[1] === 254) return new TextDecoder("utf-16le", { fatal: true });
  if (b[0] === 254 && b[1] === 255) return new TextDecoder("utf-16be", { fatal: true });
  if (b[0] === 60 && b[1] === 0 && b[2] === 63 && b[3] === 0) return new TextDecoder("utf-16le", { fatal: true });
  if (b[0] === 0 && b[1] === 60 && b[2] === 0 && b[3] === 63) return new TextDecoder("utf-16be", { fatal: true });
  const decl = /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(new TextDecoder("latin1").decode(b));
  const label = decl?.[1].toLowerCase() ?? "utf-8";
  if (/^(utf-?8|utf-?16.*|ucs-?2)$/.test(label)) return new TextDecoder("utf-8", { fatal: true });
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    throw new AtelierError("encoding_unknown", { guess: decl[1] }, { file, line: 1 });
  }
}
function concat(a, b) {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
function firstInvalidUtf8(b) {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const need = c < 128 ? 0 : c >= 194 && c <= 223 ? 1 : c >= 224 && c <= 239 ? 2 : c >= 240 && c <= 244 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need && i + k < b.length; k++) if ((b[i + k] & 192) !== 128) return i;
    i += need + 1;
  }
  return 0;
}

// src/core/formats/xml-guard.ts
var MAX_XML_DEPTH = 1e3;
var MAX_TEXT_CHARS = 1e6;

// src/core/formats/tmx/inline.ts
var import_saxes = __toESM(require_saxes(), 1);

// src/core/model.ts
var TAG_BASE = 57344;

// src/core/formats/xml.ts
var TEXT_SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
var ATTR_SPECIAL = /[&<>"\n\t\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
var REPLACEMENT = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "	": "&#9;" };
var replace = (c) => REPLACEMENT[c] ?? "";
function escapeText(s) {
  return s.replace(TEXT_SPECIAL, replace);
}
function escapeAttr(s) {
  return s.replace(ATTR_SPECIAL, replace);
}

// src/core/formats/tmx/inline.ts
var HI_CLOSE = "/hi";
var SegBuilder = class {
  text = "";
  tags = [];
  /** open elements inside the current placeholder tag (0 = at seg level); true = self-closing */
  inner = [];
  current = null;
  open(name, attrs, selfClosing) {
    if (this.current) {
      this.current.content += `<${name}${attrString(attrs)}${selfClosing ? "/" : ""}>`;
      this.inner.push(selfClosing);
      return;
    }
    const tag = { kind: name, attrs: { ...attrs }, content: "" };
    this.text += String.fromCharCode(TAG_BASE + this.tags.length);
    this.tags.push(tag);
    if (name !== "hi" && !selfClosing) this.current = tag;
  }
  close(name) {
    if (this.current) {
      if (this.inner.length === 0) this.current = null;
      else if (!this.inner.pop()) this.current.content += `</${name}>`;
      return;
    }
    if (name === "hi") {
      this.text += String.fromCharCode(TAG_BASE + this.tags.length);
      this.tags.push({ kind: HI_CLOSE, attrs: {}, content: "" });
    }
  }
  addText(t) {
    if (this.current) this.current.content += xmlText(t);
    else this.text += t;
  }
};
var NEEDS_ESCAPE = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
function xmlText(s) {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return escapeText(s).replace(/\r/g, "&#13;");
}
function attrString(attrs, allowed) {
  let s = "";
  for (const [k, v] of Object.entries(attrs)) if (!allowed || allowed.includes(k)) s += ` ${k}="${escapeAttr(v)}"`;
  return s;
}

// src/core/lang.ts
function canonicalLang(tag, field = "lang") {
  const t = tag.trim();
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(t)) throw new AtelierError("lang_invalid", { lang: tag, field });
  try {
    return Intl.getCanonicalLocales(t)[0];
  } catch {
    throw new AtelierError("lang_invalid", { lang: tag, field });
  }
}
function primaryLang(tag) {
  return tag.split("-")[0].toLowerCase();
}

// src/core/formats/tmx/units.ts
var SOURCE_PROP = "source:";
var TARGET_PROP = "target:";
var canon = /* @__PURE__ */ new Map();
function tuvLang(raw, file, line, column) {
  let c = canon.get(raw);
  if (c) return c;
  try {
    c = canonicalLang(raw.replace(/_/g, "-"), "xml:lang");
  } catch (e) {
    throw e instanceof AtelierError ? new AtelierError(e.code, e.params, { file, line, column }) : e;
  }
  if (canon.size > 1e3) canon.clear();
  canon.set(raw, c);
  return c;
}
function pick(tuvs, lang) {
  const l = lang.toLowerCase();
  const exact = tuvs.filter((t) => t.lang.toLowerCase() === l);
  return exact.length ? exact : tuvs.filter((t) => primaryLang(t.lang) === primaryLang(lang));
}
function tuToUnits(tu, o) {
  if (tu.tuvs.length === 0) return [];
  let srcLang = o.sourceLang ?? tu.attrs.srclang ?? o.headerSrcLang;
  if (!srcLang || srcLang.toLowerCase() === "*all*") srcLang = tu.tuvs[0].lang;
  const sources = pick(tu.tuvs, srcLang);
  const others = tu.tuvs.filter((t) => !sources.includes(t));
  const targets = o.targetLang ? pick(others, o.targetLang) : others;
  if (sources.length === 0 || targets.length === 0) return [];
  const pairs = targets.map((t) => [sources[0], t]);
  for (const s of sources.slice(1)) pairs.push([s, targets[0]]);
  return pairs.map(([s, t]) => unit(tu, s, t, o));
}
function attrOf(tu, s, t, name) {
  return t.attrs[name] ?? tu.attrs[name] ?? s.attrs[name];
}
function dateOf(tu, s, t, name, o) {
  const v = attrOf(tu, s, t, name);
  if (v == null) return void 0;
  const iso = tmxDateToIso(v);
  if (!iso) o.onBadDate?.(v, tu);
  return iso ?? void 0;
}
var prefixed = (props, prefix) => props.map((p) => ({ ...p, type: prefix + p.type }));
function unit(tu, s, t, o) {
  const u = {
    sourceLang: s.lang,
    targetLang: t.lang,
    source: s.text.normalize("NFC"),
    target: t.text.normalize("NFC"),
    origin: "import",
    importFile: o.file
  };
  if (s.tags.length) u.sourceTags = s.tags;
  if (t.tags.length) u.targetTags = t.tags;
  if (tu.attrs.tuid != null) u.tuid = tu.attrs.tuid;
  const createdAt = dateOf(tu, s, t, "creationdate", o);
  const changedAt = dateOf(tu, s, t, "changedate", o);
  if (createdAt) u.createdAt = createdAt;
  if (changedAt) u.changedAt = changedAt;
  const createdBy = attrOf(tu, s, t, "creationid");
  const changedBy = attrOf(tu, s, t, "changeid");
  if (createdBy != null) u.createdBy = createdBy;
  if (changedBy != null) u.changedBy = changedBy;
  if (tu.props.length || s.props.length || t.props.length) u.props = [...tu.props, ...prefixed(s.props, SOURCE_PROP), ...prefixed(t.props, TARGET_PROP)];
  if (tu.notes.length || s.notes.length || t.notes.length) u.notes = [...tu.notes, ...s.notes, ...t.notes];
  return u;
}
function tmxDateToIso(v) {
  if (v.length === 16 && v.charCodeAt(8) === 84 && v.charCodeAt(15) === 90 && TMX_DATE.test(v)) {
    const mo = +v.slice(4, 6);
    const day = +v.slice(6, 8);
    if (mo >= 1 && mo <= 12 && day >= 1 && day <= 28 && +v.slice(9, 11) <= 23 && +v.slice(11, 13) <= 59 && +v.slice(13, 15) <= 59) {
      return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}.000Z`;
    }
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v.trim());
  const d = m ? new Date(Date.UTC(2e3, 0, 1, +m[4], +m[5], +m[6])) : /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : null;
  if (m && d) d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
  if (!d || Number.isNaN(d.getTime())) return null;
  if (m && (d.getUTCDate() !== +m[3] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCHours() !== +m[4] || d.getUTCMinutes() !== +m[5] || d.getUTCSeconds() !== +m[6])) return null;
  return d.toISOString();
}
var TMX_DATE = /^\d{8}T\d{6}Z$/;

// src/core/formats/tmx/read.ts
var import_saxes2 = __toESM(require_saxes(), 1);

// src/core/formats/tmx/fast-read.ts
var GiveUp = class {
  constructor(why) {
    this.why = why;
  }
  why;
};
var giveUp = (why) => {
  throw new GiveUp(why);
};
async function* fastTmx(input, opts) {
  const batchSize = Math.max(1, opts.batchSize ?? 1e3);
  const pending = [];
  const scanner = new Scanner(opts, (units) => {
    for (const u of units) pending.push(u);
  });
  const held = [];
  const release = (upTo) => {
    while (held.length && held[0][0] <= upTo) opts.onProgress?.(held.shift()[1]);
  };
  const progress = (bytes) => {
    held.push([scanner.fed, bytes]);
    release(scanner.consumed);
  };
  let emitted = 0;
  let handedOut = 0;
  let allowed = 0;
  const ends = [];
  try {
    for await (const chunk of decodeChunks(input, opts.file, progress)) {
      for (let at = 0; at < chunk.length; at += PIECE) scanner.feed(chunk.length <= PIECE ? chunk : chunk.slice(at, at + PIECE));
      emitted = handedOut + pending.length;
      ends.push([scanner.fed, emitted]);
      while (ends.length && ends[0][0] <= scanner.consumed) allowed = ends.shift()[1];
      while (allowed - handedOut >= batchSize) {
        handedOut += batchSize;
        yield pending.splice(0, batchSize);
      }
    }
    scanner.end();
    release(Infinity);
  } catch (e) {
    if (e instanceof GiveUp) return e.why;
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
  while (pending.length > batchSize) yield pending.splice(0, batchSize);
  if (pending.length) yield pending.splice(0);
  return scanner.summary;
}
var PIECE = 16 * 1024;
var GT = 62;
var SLASH = 47;
var DQ = 34;
var SQ = 39;
var EQ = 61;
var LF = 10;
var CR = 13;
var TAB = 9;
var SPACE = 32;
var CLASS = new Uint8Array(65536);
var WS = 1;
var NAME_START = 2;
var NAME = 4;
for (const c of [SPACE, LF, CR, TAB]) CLASS[c] = WS;
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) CLASS[c] = NAME_START | NAME;
  else if (/[0-9.-]/.test(ch)) CLASS[c] = NAME;
}
var isS = (c) => CLASS[c] === WS;
var isNameStart = (c) => (CLASS[c] & NAME_START) !== 0;
var DISALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
var XML_DECL = /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.0\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\3)?[ \t\n]*\?>$/;
var TMX_DOCTYPE = /^<!DOCTYPE[ \t\n]+tmx[ \t\n]+SYSTEM[ \t\n]+(["'])tmx1\d\.dtd\1[ \t\n]*>$/;
var PREDEFINED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
var MAX_PENDING = 4 * 1024 * 1024;
var MAX_STACK = 64;
var CONTAINERS = /* @__PURE__ */ new Set(["header", "tu", "tuv"]);
var Next = class {
  constructor(needle) {
    this.needle = needle;
  }
  needle;
  n = -1;
  buf = "";
  reset(buf) {
    this.buf = buf;
    this.n = -1;
  }
  /** index of the first occurrence at or after `from`; Infinity if none */
  at(from) {
    let n = this.n;
    if (n < from) {
      n = this.buf.indexOf(this.needle, from);
      this.n = n = n < 0 ? Infinity : n;
    }
    return n;
  }
};
var Scanner = class {
  constructor(opts, emit) {
    this.opts = opts;
    this.emit = emit;
    this.pairOptions = {
      file: opts.file,
      sourceLang: opts.sourceLang,
      targetLang: opts.targetLang,
      headerSrcLang: void 0,
      onBadDate: (v) => {
        const t = this.closing;
        this.locateTu(t);
        this.summary.badDates++;
        this.warn({ kind: "bad_date", line: t.line, column: t.column, tuid: t.attrs.tuid, detail: v });
      }
    };
  }
  opts;
  emit;
  summary = { tus: 0, units: 0, skipped: 0, badDates: 0 };
  buf = "";
  pos = 0;
  /** where buf starts in the whole text */
  base = 0;
  /** characters received */
  fed = 0;
  phase = 0 /* Start */;
  doctypeSeen = false;
  // next occurrence at or after the last search, in buf (Infinity: none); buf changes reset them
  nLt = new Next("<");
  nAmp = new Next("&");
  nCr = new Next("\r");
  nLf = new Next("\n");
  nTab = new Next("	");
  nBrk = new Next("]]>");
  /** for line counting, which looks back to a tu's start: its own cache */
  nLine = new Next("\n");
  // line and column (code points since the line start, 0-based) at buf index lineIdx, as saxes counts them
  line = 1;
  col = 0;
  lineIdx = 0;
  sawCr = false;
  // readTmx's state (read.ts), same names
  stack = [];
  header = null;
  headerDone = false;
  tu = null;
  tuv = null;
  tuvHasSeg = false;
  /** buf index of the open tu's `<` until located (-1 then) */
  tuAt = -1;
  inSeg = false;
  /** created on the seg's first inline tag only: a plain seg is its text */
  seg = null;
  segText = "";
  segDepth = 0;
  text = null;
  textAttrs = {};
  textChars = 0;
  closing = null;
  pairOptions;
  warn(w) {
    this.opts.onWarning?.(w);
  }
  /** characters understood */
  get consumed() {
    return this.base + this.pos;
  }
  feed(chunk) {
    this.fed += chunk.length;
    if (DISALLOWED.test(chunk)) giveUp("a character XML does not allow");
    if (!this.sawCr && chunk.indexOf("\r") >= 0) this.sawCr = true;
    if (this.pos > 0) {
      if (this.tu) this.locateTu(this.tu);
      this.advanceLines(this.pos);
      this.buf = [this.buf.slice(this.pos), chunk].join("");
      this.base += this.pos;
      this.pos = 0;
      this.lineIdx = 0;
    } else this.buf = this.buf ? [this.buf, chunk].join("") : chunk;
    for (const n of [this.nLt, this.nAmp, this.nCr, this.nLf, this.nTab, this.nBrk, this.nLine]) n.reset(this.buf);
    this.scan(false);
    if (this.buf.length - this.pos > MAX_PENDING) giveUp("a construct too long");
  }
  end() {
    this.scan(true);
    if (this.phase !== 3 /* Epilog */) giveUp("no complete root element");
    this.finishHeader();
  }
  // ---------------------------------------------------------------- scanning
  scan(final) {
    const buf = this.buf;
    if (this.phase === 0 /* Start */) {
      if (buf.length === 0) return;
      if (buf.charCodeAt(0) === 65279) giveUp("a byte order mark in the text");
      if (buf.startsWith("<?")) {
        const e = buf.indexOf("?>");
        if (e < 0) return void (final && giveUp("truncated declaration"));
        if (!XML_DECL.test(buf.slice(0, e + 2))) giveUp("an XML declaration other than version 1.0");
        this.pos = e + 2;
      } else if (buf.length < 2 && !final) return;
      this.phase = 1 /* Prolog */;
    }
    for (; ; ) {
      const pos = this.pos;
      const lt = this.nLt.at(pos);
      if (lt === Infinity) {
        if (final) this.outsideText(pos, buf.length);
        return;
      }
      if (lt > pos) this.textRun(pos, lt);
      const end = this.tag(lt);
      if (end < 0) {
        if (final) giveUp("truncated file");
        this.pos = lt;
        return;
      }
      this.pos = end;
    }
  }
  /** Text that must be white space (outside the root): anything else is saxes's error. */
  outsideText(a, b) {
    const buf = this.buf;
    for (let i = a; i < b; i++) if (CLASS[buf.charCodeAt(i)] !== WS) giveUp("text outside the root element");
  }
  textRun(a, b) {
    if (this.phase !== 2 /* Root */) return this.outsideText(a, b);
    const wanted = this.inSeg || this.text !== null;
    const special = this.nAmp.at(a) < b || this.nCr.at(a) < b || this.nBrk.at(a) < b;
    if (!special && !wanted) return;
    let t = this.buf.slice(a, b);
    if (special) {
      if (t.includes("]]>")) giveUp('"]]>" in text');
      if (t.includes("\r")) t = t.replace(/\r\n?/g, "\n");
      if (t.includes("&")) t = decodeRefs(t);
    }
    if (wanted && t.length > 0) this.onText(t);
  }
  /** The tag at `lt`: handled, and the index after its `>`; -1 when it is not all in the buffer yet. */
  tag(lt) {
    const buf = this.buf;
    const len = buf.length;
    let i = lt + 1;
    if (i >= len) return -1;
    let c = buf.charCodeAt(i);
    if (c === SLASH) {
      const top = this.stack[this.stack.length - 1];
      if (this.phase !== 2 /* Root */ || top === void 0) giveUp("misnested elements");
      i++;
      const nl = top.length;
      if (i + nl >= len) return -1;
      for (let j = 0; j < nl; j++) if (buf.charCodeAt(i + j) !== top.charCodeAt(j)) giveUp("misnested elements");
      i += nl;
      if (CLASS[buf.charCodeAt(i)] & NAME) giveUp("misnested elements");
      while (i < len && CLASS[buf.charCodeAt(i)] === WS) i++;
      if (i >= len) return -1;
      if (buf.charCodeAt(i) !== GT) giveUp("an unusual closing tag");
      this.closeTag();
      return i + 1;
    }
    if (c === 33) {
      const e = buf.indexOf(">", i);
      if (e < 0) return buf.length - lt > 256 ? giveUp("markup declaration") : -1;
      if (this.phase !== 1 /* Prolog */ || this.doctypeSeen || !TMX_DOCTYPE.test(buf.slice(lt, e + 1))) giveUp("a comment, CDATA section or DOCTYPE");
      this.doctypeSeen = true;
      return e + 1;
    }
    if (!isNameStart(c)) giveUp(c === 63 ? "a processing instruction" : "an unusual element name");
    if (this.phase === 3 /* Epilog */) giveUp("an element after the root");
    const s = i;
    let h = 0;
    while (i < len && CLASS[c = buf.charCodeAt(i)] & NAME) {
      h = Math.imul(h, 31) + c | 0;
      i++;
    }
    if (i >= len) return -1;
    if (!(isS(c) || c === GT || c === SLASH)) giveUp("an unusual element name");
    const name = nameAt(buf, s, i, h);
    if (name === "tu" && (c === LF || c === CR)) giveUp("a line break after <tu");
    const attrs = {};
    let selfClosing = false;
    for (; ; ) {
      const ws = i;
      while (i < len && CLASS[buf.charCodeAt(i)] === WS) i++;
      if (i >= len) return -1;
      c = buf.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= len) return -1;
        if (buf.charCodeAt(i + 1) !== GT) giveUp('"/" in a tag');
        selfClosing = true;
        i += 2;
        break;
      }
      if (i === ws || !isNameStart(c)) giveUp("an unusual attribute");
      const as = i;
      h = 0;
      while (i < len && CLASS[c = buf.charCodeAt(i)] & NAME) {
        h = Math.imul(h, 31) + c | 0;
        i++;
      }
      const an = nameAt(buf, as, i, h);
      while (i < len && CLASS[buf.charCodeAt(i)] === WS) i++;
      if (i >= len) return -1;
      if (buf.charCodeAt(i) !== EQ) giveUp("an unusual attribute");
      i++;
      while (i < len && CLASS[buf.charCodeAt(i)] === WS) i++;
      if (i >= len) return -1;
      const q = buf.charCodeAt(i);
      if (q !== DQ && q !== SQ) giveUp("an unquoted attribute");
      const vs = ++i;
      const e = buf.indexOf(q === DQ ? '"' : "'", vs);
      if (e < 0) return -1;
      if (this.nLt.at(vs) < e) giveUp('"<" in an attribute value');
      let value = buf.slice(vs, e);
      i = e + 1;
      if (this.nAmp.at(vs) < e || this.nCr.at(vs) < e || this.nLf.at(vs) < e || this.nTab.at(vs) < e) {
        value = value.replace(/\r\n|[\r\n\t]/g, " ");
        if (value.includes("&")) value = decodeRefs(value);
      }
      if (an === "__proto__" || attrs[an] !== void 0) giveUp("a duplicate or unusual attribute");
      attrs[an] = value;
    }
    if (this.phase === 1 /* Prolog */) this.phase = 2 /* Root */;
    this.openTag(name, attrs, selfClosing, lt);
    if (selfClosing) this.closeTag();
    return i;
  }
  /** saxes's line and column of buf index `p` (column 1-based, in code points; CR LF and lone CR end a line). */
  positionAt(p) {
    this.advanceLines(p);
    return { line: this.line, column: this.col + 1 };
  }
  /** A tu's line and column are only needed for a warning: counted then, or before its start leaves the buffer. */
  locateTu(t) {
    if (this.tuAt < 0) return;
    const at = this.positionAt(this.tuAt);
    t.line = at.line;
    t.column = at.column;
    this.tuAt = -1;
  }
  advanceLines(p) {
    const buf = this.buf;
    let from = this.lineIdx;
    if (p <= from) return;
    if (this.sawCr) {
      for (let i = from; i < p; i++) {
        const c = buf.charCodeAt(i);
        if (c === LF || c === CR && buf.charCodeAt(i + 1) !== LF) {
          this.line++;
          this.col = 0;
          from = i + 1;
        }
      }
    } else {
      for (let n = this.nLine.at(from); n < p; n = this.nLine.at(n + 1)) {
        this.line++;
        this.col = 0;
        from = n + 1;
      }
    }
    this.col += this.codePoints(from, p);
    this.lineIdx = p;
  }
  /** saxes counts an astral character as one column: within one line, so short */
  codePoints(a, b) {
    let n = b - a;
    const buf = this.buf;
    for (let i = a; i < b; i++) {
      const c = buf.charCodeAt(i);
      if (c >= 56320 && c <= 57343) n--;
    }
    return n;
  }
  // ---------------------------------------------------------------- readTmx's handlers (read.ts), failing = giving up
  finishHeader() {
    if (this.headerDone) return;
    this.headerDone = true;
    if (this.header) this.opts.onHeader?.(this.header);
  }
  onText(t) {
    this.textChars += t.length;
    if (this.textChars > MAX_TEXT_CHARS) giveUp("text too long");
    if (this.inSeg) {
      if (this.seg) this.seg.addText(t);
      else this.segText += t;
    } else this.text += t;
  }
  openTag(name, a, selfClosing, lt) {
    const stack = this.stack;
    if (this.inSeg) {
      if (++this.segDepth > MAX_XML_DEPTH) giveUp("too deep");
      stack.push(name);
      if (!this.seg) {
        this.seg = new SegBuilder();
        this.seg.text = this.segText;
      }
      this.seg.open(name, a, selfClosing);
      return;
    }
    const parent = stack[stack.length - 1];
    if (stack.length >= MAX_STACK) giveUp("deep nesting");
    if (this.header === null) {
      if (name !== "tmx") giveUp("not tmx");
      this.header = { version: a.version, props: [], notes: [] };
    } else if (name === "header") {
      if (parent !== "tmx") giveUp("misplaced");
      Object.assign(this.header, {
        srcLang: a.srclang,
        segType: a.segtype,
        oTmf: a["o-tmf"],
        creationTool: a.creationtool,
        creationToolVersion: a.creationtoolversion,
        adminLang: a.adminlang,
        dataType: a.datatype
      });
    } else if (name === "body") {
      if (parent !== "tmx") giveUp("misplaced");
      this.finishHeader();
    } else if (name === "tu") {
      if (parent !== "body") giveUp("misplaced");
      this.tu = { attrs: a, props: [], notes: [], tuvs: [], line: 0, column: 0 };
      this.tuAt = lt;
    } else if (name === "tuv") {
      if (parent !== "tu") giveUp("misplaced");
      const raw = (a["xml:lang"] ?? a.lang ?? "").trim();
      if (!raw) giveUp("a tuv without language");
      let lang;
      try {
        lang = tuvLang(raw, this.opts.file, 0);
      } catch {
        return giveUp("an invalid language");
      }
      this.tuv = { lang, attrs: a, props: [], notes: [], text: "", tags: [], line: 0, column: 0 };
      this.tuvHasSeg = false;
    } else if (name === "seg") {
      if (parent !== "tuv" || this.tuvHasSeg) giveUp("misplaced");
      this.inSeg = true;
      this.seg = null;
      this.segText = "";
      this.segDepth = 0;
    } else if (name === "prop" || name === "note") {
      if (!CONTAINERS.has(parent)) giveUp("misplaced");
      this.text = "";
      this.textAttrs = a;
    } else if (this.text !== null) giveUp("misplaced");
    stack.push(name);
  }
  closeTag() {
    const name = this.stack.pop();
    if (this.inSeg) {
      if (this.segDepth > 0) {
        this.segDepth--;
        this.seg.close(name);
        return;
      }
      this.textChars = 0;
      const tuv = this.tuv;
      if (this.seg) {
        tuv.text = this.seg.text;
        tuv.tags = this.seg.tags;
      } else tuv.text = this.segText;
      this.tuvHasSeg = true;
      this.inSeg = false;
      this.seg = null;
      return;
    }
    if (name === "prop" || name === "note") {
      const value = nfc(this.text);
      const target = this.tuv ?? this.tu ?? this.header;
      if (name === "note") target.notes.push(value);
      else {
        const p = { type: this.textAttrs.type ?? "", value };
        const lang = this.textAttrs["xml:lang"] ?? this.textAttrs.lang;
        if (lang) p.lang = lang;
        target.props.push(p);
      }
      this.text = null;
      this.textChars = 0;
    } else if (name === "tuv") {
      if (!this.tuvHasSeg) giveUp("a tuv without seg");
      this.tu.tuvs.push(this.tuv);
      this.tuv = null;
    } else if (name === "tu") {
      const t = this.tu;
      this.tu = null;
      this.summary.tus++;
      this.closing = t;
      this.pairOptions.headerSrcLang = this.header?.srcLang;
      const units = toUnits(t, this.pairOptions);
      if (units.length === 0) {
        this.locateTu(t);
        this.summary.skipped++;
        this.warn({ kind: "tu_missing_lang", line: t.line, column: t.column, tuid: t.attrs.tuid, detail: t.tuvs.map((v) => v.lang).join(",") });
      } else {
        this.summary.units += units.length;
        this.emit(units);
      }
      this.tuAt = -1;
    } else if (name === "header") this.finishHeader();
    if (this.stack.length === 0) this.phase = 3 /* Epilog */;
  }
};
var NAMES = /* @__PURE__ */ new Map();
var hashName = (n) => {
  let h = 0;
  for (let i = 0; i < n.length; i++) h = Math.imul(h, 31) + n.charCodeAt(i) | 0;
  return h;
};
for (const n of ["tmx", "header", "body", "tu", "tuv", "seg", "prop", "note", "bpt", "ept", "ph", "it", "hi", "ut", "sub", "tuid", "creationdate", "creationid", "changedate", "changeid", "lastusagedate", "usagecount", "xml:lang", "lang", "type", "srclang", "segtype", "o-tmf", "creationtool", "creationtoolversion", "adminlang", "datatype", "version", "o-encoding", "i", "x", "pos", "assoc"]) {
  NAMES.set(hashName(n), n);
}
function nameAt(buf, s, e, h) {
  const n = NAMES.get(h);
  if (n !== void 0 && n.length === e - s) {
    let j = 0;
    while (j < n.length && n.charCodeAt(j) === buf.charCodeAt(s + j)) j++;
    if (j === n.length) return n;
  }
  const name = buf.slice(s, e);
  if (n === void 0 && NAMES.size < 4096) NAMES.set(h, name);
  return name;
}
function decodeRefs(s) {
  let out = "";
  let from = 0;
  for (let amp = s.indexOf("&"); amp >= 0; amp = s.indexOf("&", from)) {
    const semi = s.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 10) giveUp("an entity");
    const name = s.slice(amp + 1, semi);
    let ch;
    if (name.charCodeAt(0) === 35) {
      const cp = /^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]{1,7}$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
      if (!(cp === 9 || cp === 10 || cp === 13 || cp >= 32 && cp <= 55295 || cp >= 57344 && cp <= 65533 || cp >= 65536 && cp <= 1114111)) giveUp("a character reference XML does not allow");
      ch = String.fromCodePoint(cp);
    } else ch = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : void 0;
    if (ch === void 0) giveUp("an entity other than the predefined ones");
    out += s.slice(from, amp) + ch;
    from = semi + 1;
  }
  return out + s.slice(from);
}
function toUnits(tu, o) {
  const tuvs = tu.tuvs;
  if (tuvs.length !== 2) return tuToUnits(tu, o);
  let srcLang = o.sourceLang ?? tu.attrs.srclang ?? o.headerSrcLang;
  if (!srcLang || srcLang.toLowerCase() === "*all*") srcLang = tuvs[0].lang;
  const a = tuvs[0];
  const b = tuvs[1];
  const l = srcLang.toLowerCase();
  let inA = a.lang.toLowerCase() === l;
  let inB = b.lang.toLowerCase() === l;
  if (!inA && !inB) {
    const p = primaryLang(srcLang);
    inA = primaryLang(a.lang) === p;
    inB = primaryLang(b.lang) === p;
  }
  if (inA === inB) return tuToUnits(tu, o);
  const s = inA ? a : b;
  const t = inA ? b : a;
  if (o.targetLang && !(t.lang.toLowerCase() === o.targetLang.toLowerCase() || primaryLang(t.lang) === primaryLang(o.targetLang))) return [];
  return [unit2(tu, s, t, o)];
}
function attrOf2(tu, s, t, name) {
  return t.attrs[name] ?? tu.attrs[name] ?? s.attrs[name];
}
function dateOf2(tu, s, t, name, o) {
  const v = attrOf2(tu, s, t, name);
  if (v == null) return void 0;
  const iso = isoDate(v);
  if (!iso) o.onBadDate?.(v, tu);
  return iso ?? void 0;
}
var prefixed2 = (props, prefix) => props.map((p) => ({ ...p, type: prefix + p.type }));
function unit2(tu, s, t, o) {
  const u = {
    sourceLang: s.lang,
    targetLang: t.lang,
    source: nfc(s.text),
    target: nfc(t.text),
    origin: "import",
    importFile: o.file
  };
  if (s.tags.length) u.sourceTags = s.tags;
  if (t.tags.length) u.targetTags = t.tags;
  if (tu.attrs.tuid != null) u.tuid = tu.attrs.tuid;
  const createdAt = dateOf2(tu, s, t, "creationdate", o);
  const changedAt = dateOf2(tu, s, t, "changedate", o);
  if (createdAt) u.createdAt = createdAt;
  if (changedAt) u.changedAt = changedAt;
  const createdBy = attrOf2(tu, s, t, "creationid");
  const changedBy = attrOf2(tu, s, t, "changeid");
  if (createdBy != null) u.createdBy = createdBy;
  if (changedBy != null) u.changedBy = changedBy;
  if (tu.props.length || s.props.length || t.props.length) u.props = [...tu.props, ...prefixed2(s.props, SOURCE_PROP), ...prefixed2(t.props, TARGET_PROP)];
  if (tu.notes.length || s.notes.length || t.notes.length) u.notes = [...tu.notes, ...s.notes, ...t.notes];
  return u;
}
var NFC_SAFE = /^[\u0000-\u02FF\u2002-\u206F\u20A0-\u20CF\uE000-\uF8FF]*$/;
var nfc = (s) => NFC_SAFE.test(s) ? s : s.normalize("NFC");
var lastDate = "";
var lastIso = null;
function isoDate(v) {
  if (v === lastDate) return lastIso;
  lastIso = usualDate(v) ?? tmxDateToIso(v);
  lastDate = v;
  return lastIso;
}
var digit = (v, i) => v.charCodeAt(i) - 48;
function usualDate(v) {
  if (v.length !== 16 || v.charCodeAt(8) !== 84 || v.charCodeAt(15) !== 90) return null;
  for (let i = 0; i < 15; i++) {
    if (i === 8) continue;
    const d = digit(v, i);
    if (d < 0 || d > 9) return null;
  }
  const mo = digit(v, 4) * 10 + digit(v, 5);
  const day = digit(v, 6) * 10 + digit(v, 7);
  const y = digit(v, 0) * 1e3 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
  const days = mo === 2 ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28 : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (mo < 1 || mo > 12 || day < 1 || day > days || digit(v, 9) * 10 + digit(v, 10) > 23 || digit(v, 11) * 10 + digit(v, 12) > 59 || digit(v, 13) * 10 + digit(v, 14) > 59) return null;
  return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}.000Z`;
}

// ../../../tmp/tmxfast/p5.mts
var path = process.argv[2];
for (let k = 0; k < 2; k++) {
  const t = performance.now();
  const c = process.cpuUsage();
  let n = 0;
  for await (const b of fastTmx(createReadStream(path), { file: "x" })) {
    n += b.length;
    if (n >= 5e4) {
      console.log("breaking", n, (performance.now() - t) / 1e3);
      break;
    }
  }
  const u = process.cpuUsage(c);
  console.log(n, (performance.now() - t) / 1e3, (u.user + u.system) / 1e6);
}
/*! Bundled license information:

xmlchars/xml/1.0/ed5.js:
  (**
   * Character classes and associated utilities for the 5th edition of XML 1.0.
   *
   * @author Louis-Dominique Dubeau
   * @license MIT
   * @copyright Louis-Dominique Dubeau
   *)

xmlchars/xml/1.1/ed2.js:
  (**
   * Character classes and associated utilities for the 2nd edition of XML 1.1.
   *
   * @author Louis-Dominique Dubeau
   * @license MIT
   * @copyright Louis-Dominique Dubeau
   *)

xmlchars/xmlns/1.0/ed3.js:
  (**
   * Character class utilities for XML NS 1.0 edition 3.
   *
   * @author Louis-Dominique Dubeau
   * @license MIT
   * @copyright Louis-Dominique Dubeau
   *)
*/
