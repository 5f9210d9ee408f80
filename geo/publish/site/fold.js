// Name folding, as the site's writer folds the words it indexes: a port of geo.core.names.fold.
(function () {
    "use strict";

    // A search finds an excerpt only if the reader's words fold to the very keys the writer
    // indexed, so every step below is Python's own, in the same order. Where Python's answer
    // rests on its Unicode database (what is a letter, a digit, a mark, how a letter
    // casefolds), the answer is carried here as a table written from that database, rather
    // than asked of the browser's, which may be of another Unicode version and has no casefold.
    // The tables are checked against Python's, character by character, by the tests.

    // Ranges of code points, each written as its distance in hex from the end of the last
    // range, then "+" and its length less one, if longer than one.
    function ranges(packed) {
        var out = [], at = 0;
        packed.split(",").forEach(function (item) {
            var parts = item.split("+"), start = at + parseInt(parts[0], 16);
            at = start + (parts.length > 1 ? parseInt(parts[1], 16) : 0);
            out.push(start === at ? hex(start) : hex(start) + "-" + hex(at));
        });
        return out.join("");
    }
    function hex(code) { return "\\u{" + code.toString(16) + "}"; }

    // What Python's re takes for a word character (str.isalnum: letters and numbers of any
    // script), underscore aside, which separates words as punctuation does.
    var WORD = ranges(
        "30+9,8+19,7+19,30,8+1,2,4+1,2+2,2+16,2+1e,2+1c9,5+b,f+4,8,2,82+4,2+1,3+3,2,7,2+2,2,2+13,2+52,"
        + "2+8a,9+a5,2+25,3,7+28,48+1a,5+3,2e+2a,16+9,5+1,2+62,2,10+1,8+e,3,11,2+1d,1e+58,c,f+2a,a+1,5,"
        + "6+15,5,a,4,18+18,8+a,6+17,2+5,12+29,3b+35,4,13,8+9,5+9,2+f,5+7,3+1,3+15,2+6,2,4+3,4,11,e+1,2+2,"
        + "5+b,3+5,3,9+5,5+1,3+15,2+6,2+1,2+1,2+1,20+3,2,8+9,3+2,11+8,2+2,2+15,2+6,2+1,2+4,4,13,10+1,5+9,a,"
        + "c+7,3+1,3+15,2+6,2+1,2+4,4,1f+1,2+2,5+9,2+6,c,2+5,4+2,2+3,4+1,2,2+1,4+1,4+2,4+b,17,16+c,13+7,"
        + "2+2,2+16,2+f,4,1b+2,3,3+1,5+9,9+6,2,5+7,2+2,2+16,2+9,2+4,4,20+1,2+1,5+9,2+1,12+8,2+2,2+28,3,11,"
        + "6+2,2+9,5+12,2+5,6+11,4+17,2+8,2,3+6,20+9,12+2f,2+1,d+6,a+9,28+1,2,2+4,2+17,2,2+9,2+1,a,3+4,2,"
        + "a+9,3+3,21,20+13,d+7,2+23,1c+4,74+2a,15+a,7+5,5+3,4,4+1,8+2,5+c,d,2+9,7+25,2,6,3+2a,2+14c,2+3,"
        + "3+6,2,2+3,3+28,2+3,3+20,2+3,3+6,2,2+3,3+e,2+38,2+3,3+42,f+13,4+f,11+55,3+5,4+26b,3+10,2+19,6+4a,"
        + "4+a,8+11,e+12,f+11,f+c,2+2,10+33,24,5,4+9,7+9,17+9,7+58,8+4,3+21,2,6+45,b+1e,28+27,3+4,c+2b,"
        + "5+19,7+a,26+16,a+34,2c+9,7+9,e,5e+2e,12+7,4+9,2a+1d,e+37,1b+23,1d+9,4+30,3+8,8+2a,3+2,2a+3,2+5,"
        + "2+1,4,6+bf,41+115,3+5,3+25,3+5,3+7,2,2,2,2+1e,3+34,2+6,2,4+2,2+6,4+3,3+5,5+c,6+2,2+6,74+1,3+5,"
        + "6+a,7+c,66,5,3+9,2,4+4,7,2,2,2+3,2+a,3+3,6+4,5,2+39,2d7+3b,4f+15,277+1d,46d+e4,7+3,4+1,a,3+25,2,"
        + "6,3+37,8,11+16,a+6,2+6,2+6,2+6,2+6,2+6,2+6,2+6,51,1d6+2,1a+8,8+4,3+4,5+55,7+2,2+59,2+3,6+2a,"
        + "2+5d,4+3,b+1f,31+f,21+9,1f+7,2+e,21+9,28+e,141+19bf,41+568c,44+2d,3+10c,4+1b,15+2e,11+1e,3+4f,"
        + "28+8,3+66,3+3f,6+1,2,2+4,19+f,2+2,2+3,2+16,e+5,b+33,f+31,1d+9,19+5,4,2+1,2+25,b+16,1a+1c,8+2e,"
        + "1d+a,7+4,2+18,2+28,18+2,2+7,5+9,7+16,4,4+31,2,4+1,3+4,3,2,19+2,3+a,8+2,d+5,3+5,3+5,a+6,2+6,2+2a,"
        + "2+d,7+72,e+9,7+2ba3,d+16,5+30,2105+16d,3+69,27+6,d+4,6,2+9,2+c,2+4,2,2+1,2+1,2+6b,22+16a,13+3f,"
        + "3+35,29+b,75+4,2+86,14+9,8+19,7+19,c+58,4+5,3+5,3+5,3+2,24+b,2+19,2+12,2+1,2+e,3+d,23+7a,d+2c,"
        + "d+38,12+1,f5+1c,4+30,11+1a,5+23,a+1d,6+25,b+1d,3+23,5+7,2+4,2b+9d,3+9,7+23,5+23,5+27,9+33,d+a,"
        + "2+e,2+6,2+1,2+a,2+e,2+6,2+1,44+136,a+15,b+7,19+5,2+29,2+8,46+5,3,2+2b,2+1,4,3+16,3+1e,3+25,9+8,"
        + "31+12,2+1,6+20,5+19,47+37,5+13,3+2e,10+3,2+2,2+1c,b+8,18+1e,2+1f,21+7,2+1b,7+4,11+35,b+15,3+1a,"
        + "6+19,18+6,51+48,38+32,e+32,8+29,d+9,127+1e,2+29,7+1,4f+27,9+15,c+3,1c+11,2f+1b,15+16,d+34,1b+1d,"
        + "2+1,3,e+2c,21+18,8+9,a+23,10+9,5,3,9+22,4,d+2f,f+3,c+a,2,5+13,c+11,2+18,55+6,2,2+3,2+e,2+9,8+2e,"
        + "12+9,c+7,3+1,3+15,2+6,2+1,2+4,4,13,d+4,9f+34,13+3,6+9,6+2,1f+2f,15+1,2,9+9,a7+2e,2a+3,25+2f,15,"
        + "c+9,27+2a,e,8+9,37+1a,16+b,5+6,ba+2b,75+52,d+7,3,3+7,2+1,2+17,10,2,f+9,47+7,3+26,11,2,1d,b+27,8,"
        + "16,c+2d,14,13+48,108+8,2+24,12,10+1c,6+1d,71+6,2+1,2+25,16,a+9,7+5,2+1,2+1f,f,8+9,137+12,be,"
        + "10+14,2c+399,67+6e,12+c3,a4d+60,10+42e,fd2+246,21ba+238,8+1e,2+9,7+4e,2+9,7+1d,13+2f,11+3,d+9,"
        + "2+6,2+14,6+12,2b1+56,6a+4a,6,43+c,41+1,2,1d+17f7,9+4d5,2b+8,22e8+3,2+6,2+1,2+122,2e+2,12+3,"
        + "9+18b,905+6a,6+c,4+8,8+9,1647+13,6d+18,88+54,2+46,2+1,3,3+1,3+3,2+b,2,2+6,2+40,2+3,3+7,2+6,2+1b,"
        + "2+3,2+4,2,4+6,2+153,3+18,2+18,2+1e,2+18,2+1e,2+18,2+1e,2+18,2+1e,2+18,2+7,3+31,701+1e,1e2+2c,"
        + "b+6,3+9,5,142+1d,13+2b,5+9,4e7+6,2+3,2+1,2+e,2+c4,3+8,31+43,8,5+9,318+3a,2+2,2+3,4d+2c,2+e,c3+3,"
        + "2+1a,2+1,2,3,2+9,2+3,2,2,7,5,2,2,2+2,2+1,2,3,2,2,2,2,2+1,2,3+3,2+6,2+3,2+3,2,2+9,2+10,6+2,2+4,"
        + "2+10,245+c,ae4+9,407+a6df,21+1038,8+dd,3+1681,f+1d30,c20+21d,5e3+134a");
    // The combining marks and invisible format characters of the Basic Multilingual Plane
    // (Mn, Me, Cf): accents once NFKD has split them off, the Arabic harakat, soft hyphens and
    // zero-width joiners. Python drops these alone, not those of the other planes.
    var MARKS = ranges(
        "ad,253+6f,114+6,108+2c,2,2+1,2+1,2,39+5,b+a,2,2f+14,11,66+7,2+5,3+1,2+3,22,2,1f+1a,5c+a,3b+8,a,"
        + "19+3,2+8,2+2,2+4,2c+2,35+1,7+7,2b+38,38,2,5+7,5,4+6,b+1,1e,3b,5+3,9,15+1,1b,3+1,3a,5+1,5+1,3+2,"
        + "4,1f+1,4,c+1,3a,5+4,2+1,5,15+1,17+5,2,3b,3,2+3,9,8+1,c+1,1f,3e,d,33,4,38,2+2,6+2,2+3,8+1,c+1,1e,"
        + "3b,3,7,6+1,15+1,1d+1,3a+1,5+3,9,15+1,1e,49,8+2,2,5b,3+6,d+7,63,3+8,c+5,4b+1,1c,2,2,38+d,2+4,2+1,"
        + "6+a,2+23,a,67+3,2+5,2+1,3+1,1a+1,5+2,11+3,e,3+1,7,10,2c0+2,3b3+2,1e+1,1f+1,1f+1,41+1,2+6,9,3+a,"
        + "a,2e+4,76+1,23,77+2,5+1,a,7+2,dc+1,3,3b,2+6,2,2,3+7,7+9,3,31+1e,32+3,31,2+4,2,6,29+8,d+1,21+3,"
        + "3+1,2+2,39,2+1,4,2+2,3b+7,3+1,99+2,2+c,2+6,5,7,4+1,c7+3f,20c+4,1b+4,32+4,2+9,61+20,bff+2,8e,"
        + "61+1f,22b+3,6c+1,75d5+3,2+9,21+1,51+1,111,4,5,1a+1,6,98+1,1b+11,e,27+7,1a+a,2f+2,31,3+3,3+1,28,"
        + "44+5,3+1,3+1,d,9,30,34,2+2,3+1,6+1,2,2b+1,9,ef,3,5,4f31,2e2+f,11+f,d0,fa+2");
    // Decimal digits of any script (Python's \d): a run of them is never written once.
    var DECIMAL = ranges(
        "30+9,627+9,87+9,c7+9,19d+9,77+9,77+9,77+9,77+9,77+9,77+9,77+9,77+9,77+9,61+9,77+9,47+9,117+9,"
        + "47+9,747+9,27+9,12d+9,81+9,a7+9,7+9,b7+9,57+9,87+9,7+9,89c7+9,2a7+9,27+9,c7+9,17+9,57+9,197+9,"
        + "5317+9,587+9,887+9,32d+9,81+9,3d+9,91+9,117+9,157+9,77+9,177+9,67+9,67+9,1a7+9,67+9,2f7+9,f7+9,"
        + "47+9,4cb7+9,57+9,87+9,6c75+31,941+9,1a7+9,657+9,1297+9");
    // The characters whose casefold is not what String.prototype.toLowerCase gives, each
    // followed by its casefold: "ß" folds to "ss", the final sigma to sigma, Cherokee's small
    // letters to its capitals.
    var CASEFOLD = {};
    (
        "\u00b5\u03bc|\u00dfss|\u0149\u02bcn|\u017fs|\u01f0j\u030c|\u0345\u03b9|\u0390\u03b9\u0308\u0301|"
        + "\u03b0\u03c5\u0308\u0301|\u03c2\u03c3|\u03d0\u03b2|\u03d1\u03b8|\u03d5\u03c6|\u03d6\u03c0|"
        + "\u03f0\u03ba|\u03f1\u03c1|\u03f5\u03b5|\u0587\u0565\u0582|\u13a0\u13a0|\u13a1\u13a1|"
        + "\u13a2\u13a2|\u13a3\u13a3|\u13a4\u13a4|\u13a5\u13a5|\u13a6\u13a6|\u13a7\u13a7|\u13a8\u13a8|"
        + "\u13a9\u13a9|\u13aa\u13aa|\u13ab\u13ab|\u13ac\u13ac|\u13ad\u13ad|\u13ae\u13ae|\u13af\u13af|"
        + "\u13b0\u13b0|\u13b1\u13b1|\u13b2\u13b2|\u13b3\u13b3|\u13b4\u13b4|\u13b5\u13b5|\u13b6\u13b6|"
        + "\u13b7\u13b7|\u13b8\u13b8|\u13b9\u13b9|\u13ba\u13ba|\u13bb\u13bb|\u13bc\u13bc|\u13bd\u13bd|"
        + "\u13be\u13be|\u13bf\u13bf|\u13c0\u13c0|\u13c1\u13c1|\u13c2\u13c2|\u13c3\u13c3|\u13c4\u13c4|"
        + "\u13c5\u13c5|\u13c6\u13c6|\u13c7\u13c7|\u13c8\u13c8|\u13c9\u13c9|\u13ca\u13ca|\u13cb\u13cb|"
        + "\u13cc\u13cc|\u13cd\u13cd|\u13ce\u13ce|\u13cf\u13cf|\u13d0\u13d0|\u13d1\u13d1|\u13d2\u13d2|"
        + "\u13d3\u13d3|\u13d4\u13d4|\u13d5\u13d5|\u13d6\u13d6|\u13d7\u13d7|\u13d8\u13d8|\u13d9\u13d9|"
        + "\u13da\u13da|\u13db\u13db|\u13dc\u13dc|\u13dd\u13dd|\u13de\u13de|\u13df\u13df|\u13e0\u13e0|"
        + "\u13e1\u13e1|\u13e2\u13e2|\u13e3\u13e3|\u13e4\u13e4|\u13e5\u13e5|\u13e6\u13e6|\u13e7\u13e7|"
        + "\u13e8\u13e8|\u13e9\u13e9|\u13ea\u13ea|\u13eb\u13eb|\u13ec\u13ec|\u13ed\u13ed|\u13ee\u13ee|"
        + "\u13ef\u13ef|\u13f0\u13f0|\u13f1\u13f1|\u13f2\u13f2|\u13f3\u13f3|\u13f4\u13f4|\u13f5\u13f5|"
        + "\u13f8\u13f0|\u13f9\u13f1|\u13fa\u13f2|\u13fb\u13f3|\u13fc\u13f4|\u13fd\u13f5|\u1c80\u0432|"
        + "\u1c81\u0434|\u1c82\u043e|\u1c83\u0441|\u1c84\u0442|\u1c85\u0442|\u1c86\u044a|\u1c87\u0463|"
        + "\u1c88\ua64b|\u1e96h\u0331|\u1e97t\u0308|\u1e98w\u030a|\u1e99y\u030a|\u1e9aa\u02be|\u1e9b\u1e61|"
        + "\u1e9ess|\u1f50\u03c5\u0313|\u1f52\u03c5\u0313\u0300|\u1f54\u03c5\u0313\u0301|"
        + "\u1f56\u03c5\u0313\u0342|\u1f80\u1f00\u03b9|\u1f81\u1f01\u03b9|\u1f82\u1f02\u03b9|"
        + "\u1f83\u1f03\u03b9|\u1f84\u1f04\u03b9|\u1f85\u1f05\u03b9|\u1f86\u1f06\u03b9|\u1f87\u1f07\u03b9|"
        + "\u1f88\u1f00\u03b9|\u1f89\u1f01\u03b9|\u1f8a\u1f02\u03b9|\u1f8b\u1f03\u03b9|\u1f8c\u1f04\u03b9|"
        + "\u1f8d\u1f05\u03b9|\u1f8e\u1f06\u03b9|\u1f8f\u1f07\u03b9|\u1f90\u1f20\u03b9|\u1f91\u1f21\u03b9|"
        + "\u1f92\u1f22\u03b9|\u1f93\u1f23\u03b9|\u1f94\u1f24\u03b9|\u1f95\u1f25\u03b9|\u1f96\u1f26\u03b9|"
        + "\u1f97\u1f27\u03b9|\u1f98\u1f20\u03b9|\u1f99\u1f21\u03b9|\u1f9a\u1f22\u03b9|\u1f9b\u1f23\u03b9|"
        + "\u1f9c\u1f24\u03b9|\u1f9d\u1f25\u03b9|\u1f9e\u1f26\u03b9|\u1f9f\u1f27\u03b9|\u1fa0\u1f60\u03b9|"
        + "\u1fa1\u1f61\u03b9|\u1fa2\u1f62\u03b9|\u1fa3\u1f63\u03b9|\u1fa4\u1f64\u03b9|\u1fa5\u1f65\u03b9|"
        + "\u1fa6\u1f66\u03b9|\u1fa7\u1f67\u03b9|\u1fa8\u1f60\u03b9|\u1fa9\u1f61\u03b9|\u1faa\u1f62\u03b9|"
        + "\u1fab\u1f63\u03b9|\u1fac\u1f64\u03b9|\u1fad\u1f65\u03b9|\u1fae\u1f66\u03b9|\u1faf\u1f67\u03b9|"
        + "\u1fb2\u1f70\u03b9|\u1fb3\u03b1\u03b9|\u1fb4\u03ac\u03b9|\u1fb6\u03b1\u0342|"
        + "\u1fb7\u03b1\u0342\u03b9|\u1fbc\u03b1\u03b9|\u1fbe\u03b9|\u1fc2\u1f74\u03b9|\u1fc3\u03b7\u03b9|"
        + "\u1fc4\u03ae\u03b9|\u1fc6\u03b7\u0342|\u1fc7\u03b7\u0342\u03b9|\u1fcc\u03b7\u03b9|"
        + "\u1fd2\u03b9\u0308\u0300|\u1fd3\u03b9\u0308\u0301|\u1fd6\u03b9\u0342|\u1fd7\u03b9\u0308\u0342|"
        + "\u1fe2\u03c5\u0308\u0300|\u1fe3\u03c5\u0308\u0301|\u1fe4\u03c1\u0313|\u1fe6\u03c5\u0342|"
        + "\u1fe7\u03c5\u0308\u0342|\u1ff2\u1f7c\u03b9|\u1ff3\u03c9\u03b9|\u1ff4\u03ce\u03b9|"
        + "\u1ff6\u03c9\u0342|\u1ff7\u03c9\u0342\u03b9|\u1ffc\u03c9\u03b9|\uab70\u13a0|\uab71\u13a1|"
        + "\uab72\u13a2|\uab73\u13a3|\uab74\u13a4|\uab75\u13a5|\uab76\u13a6|\uab77\u13a7|\uab78\u13a8|"
        + "\uab79\u13a9|\uab7a\u13aa|\uab7b\u13ab|\uab7c\u13ac|\uab7d\u13ad|\uab7e\u13ae|\uab7f\u13af|"
        + "\uab80\u13b0|\uab81\u13b1|\uab82\u13b2|\uab83\u13b3|\uab84\u13b4|\uab85\u13b5|\uab86\u13b6|"
        + "\uab87\u13b7|\uab88\u13b8|\uab89\u13b9|\uab8a\u13ba|\uab8b\u13bb|\uab8c\u13bc|\uab8d\u13bd|"
        + "\uab8e\u13be|\uab8f\u13bf|\uab90\u13c0|\uab91\u13c1|\uab92\u13c2|\uab93\u13c3|\uab94\u13c4|"
        + "\uab95\u13c5|\uab96\u13c6|\uab97\u13c7|\uab98\u13c8|\uab99\u13c9|\uab9a\u13ca|\uab9b\u13cb|"
        + "\uab9c\u13cc|\uab9d\u13cd|\uab9e\u13ce|\uab9f\u13cf|\uaba0\u13d0|\uaba1\u13d1|\uaba2\u13d2|"
        + "\uaba3\u13d3|\uaba4\u13d4|\uaba5\u13d5|\uaba6\u13d6|\uaba7\u13d7|\uaba8\u13d8|\uaba9\u13d9|"
        + "\uabaa\u13da|\uabab\u13db|\uabac\u13dc|\uabad\u13dd|\uabae\u13de|\uabaf\u13df|\uabb0\u13e0|"
        + "\uabb1\u13e1|\uabb2\u13e2|\uabb3\u13e3|\uabb4\u13e4|\uabb5\u13e5|\uabb6\u13e6|\uabb7\u13e7|"
        + "\uabb8\u13e8|\uabb9\u13e9|\uabba\u13ea|\uabbb\u13eb|\uabbc\u13ec|\uabbd\u13ed|\uabbe\u13ee|"
        + "\uabbf\u13ef|\ufb00ff|\ufb01fi|\ufb02fl|\ufb03ffi|\ufb04ffl|\ufb05st|\ufb06st|"
        + "\ufb13\u0574\u0576|\ufb14\u0574\u0565|\ufb15\u0574\u056b|\ufb16\u057e\u0576|\ufb17\u0574\u056d").split("|").forEach(function (pair) {
        var code = pair.codePointAt(0);
        CASEFOLD[code] = pair.slice(code > 0xffff ? 2 : 1);
    });

    // Apostrophes and the marks transliterations write for ayn and hamza (ʹ ʻ ʼ ʽ ʾ ʿ ˈ ˊ ˋ).
    // They go before NFKD, which would turn the acute accent into a space and a mark and so
    // split "Ma´arrat" in two, and again after it, which makes "ŉ" into "ʼn".
    var APOSTROPHES = "'`\u00b4\u2018\u2019\u201b\u2032\uff07\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u02ca\u02cb";
    var NO_APOSTROPHES = new RegExp("[" + APOSTROPHES + "]", "g");
    // Python's white space, on which str.split() cuts a text into words (not JavaScript's:
    // Python's has the information separators and NEL, and lacks the byte-order mark).
    var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
    // Dropped after NFKD: the marks, the apostrophes once more, and tatweel, which only
    // stretches a word. Beside them, the Arabic letters that have no decomposition and are
    // folded by hand (the Persian yeh and kaf often stand in for the Arabic ones in text from
    // the web), and the Arabic-Indic digits and their Persian forms.
    var DROPPED = new RegExp("[" + MARKS + APOSTROPHES + "\u0640]|[\u0671\u0629\u0649\u06cc\u06a9\u0660-\u0669\u06f0-\u06f9]", "gu");
    var LETTERS = {"\u0671": "\u0627", "\u0629": "\u0647", "\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643"};
    for (var d = 0; d < 10; d++) {
        LETTERS[String.fromCharCode(0x0660 + d)] = LETTERS[String.fromCharCode(0x06f0 + d)] = String(d);
    }
    // Anything but a letter or a digit separates words: hyphens, slashes, other punctuation.
    var SEPARATORS = new RegExp("[^" + WORD + "]+", "gu");
    // A leading Arabic article on a word longer than three letters, repeated, and with any
    // run of alifs. Once separators are spaces, every other character is a word character, so
    // "not after a word character" is the start or a space, and "two word characters" two
    // that are not spaces.
    var ARABIC_ARTICLE = /(^| )(?:\u0627+\u0644)+(?=[^ ][^ ])/gu;
    // A run of the same letter (never of a digit: 2000 is not 20) is written once.
    var RUNS = new RegExp("([^ " + DECIMAL + "])\\1+", "gu");
    // The Arabic article in Latin letters, plain and assimilated, but for the short e- forms
    // (en, er, es, et), which are also what a name's own syllables fold to.
    // Objects without a prototype: "constructor" or "toString" must not be found in them.
    var ARTICLES = Object.create(null);
    "al el ul an ar as ash at ath ad adh az ed edh esh eth ez".split(" ").forEach(function (a) { ARTICLES[a] = true; });
    // Words spelt with their vowel elsewhere, or with the article run into them, and the
    // spelling they fold to: Kfar is Kafr, "Abul Thohur" is Abu al-Duhur.
    var RESPELT = Object.assign(Object.create(null), {
        kfar: "kafr", kafar: "kafr", kefr: "kafr", kefer: "kafr", kafer: "kafr", kufr: "kafr", kfr: "kafr",
        abul: "abu", babul: "bab", abdul: "abd"
    });
    var ASCII = /^[\x00-\x7f]*$/;

    function casefold(text) {
        if (ASCII.test(text)) { return text.toLowerCase(); }
        // A code point at a time: toLowerCase on a whole word would write a final sigma.
        var out = "";
        for (var ch of text) {
            var mapped = CASEFOLD[ch.codePointAt(0)];
            out += mapped !== undefined ? mapped : ch.toLowerCase();
        }
        return out;
    }

    var folded = new Map();  // words of news text repeat: each is folded once

    function foldWord(word) {
        var known = folded.get(word);
        if (known !== undefined) { return known; }
        var w = casefold(word.replace(NO_APOSTROPHES, "").normalize("NFKD"));
        w = w.replace(DROPPED, function (ch) { return LETTERS[ch] || ""; });
        w = w.replace(SEPARATORS, " ");
        // The Arabic article goes before runs collapse: "اللطامنة" is "ال" + "لطامنة".
        w = w.replace(ARABIC_ARTICLE, "$1").replace(RUNS, "$1");
        var kept = w.split(" ").filter(function (part) {
            return part !== "" && !ARTICLES[part.replace(RUNS, "$1")];
        }).map(function (part) {
            return RESPELT[part] || part;
        }).join(" ");
        if (folded.size > 65536) { folded.clear(); }
        folded.set(word, kept);
        return kept;
    }

    // The search key of a text: one spelling for every transliteration, Latin or Arabic.
    function fold(text) {
        return text.split(SPACES).map(foldWord).filter(Boolean).join(" ");
    }

    // The folded words of a text; empty when nothing in it can be searched for.
    function tokens(text) {
        var key = fold(text);
        return key === "" ? [] : key.split(" ");
    }

    window.geoFold = {fold: fold, tokens: tokens};
})();
