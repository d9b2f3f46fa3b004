/// How a code changes when it is the complement of an intent, threat, refusal or appeal, as CAMEO codes them:
/// "intends to send a mission" is 036 (intent to meet), "threatened to impose sanctions" 1312.
enum EventCodes {
    static func root(_ code: String) -> Int { Int(code.prefix(2)) ?? 0 }

    /// Express intent (03x) to do what `code` codes; conflictual acts announced are threats.
    static func intent(_ code: String) -> String? {
        switch root(code) {
        case 1, 2, 3: return "030"
        case 4: return code.hasPrefix("045") ? "039" : "036"
        case 5: return "032"
        case 6:
            return ["061": "0311", "062": "0312", "063": "0313", "064": "0314"][String(code.prefix(3))] ?? "031"
        case 7:
            return ["071": "0331", "072": "0332", "073": "0333", "074": "0334"][String(code.prefix(3))] ?? "033"
        case 8: return "035"
        case 13...20: return threat(code)
        default: return nil
        }
    }

    /// Threaten (13x) to do what `code` codes.
    static func threat(_ code: String) -> String {
        let c3 = String(code.prefix(3))
        switch root(code) {
        case 14: return "133"
        case 15, 18, 19, 20: return "138"
        case 16: return ["161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135"][c3] ?? "131"
        case 17: return c3 == "175" ? "137" : "132"
        default: return "130"
        }
    }

    /// Refuse (12x) to do what `code` codes.
    static func refusal(_ code: String) -> String {
        switch root(code) {
        case 4: return "125"
        case 6: return "121"
        case 7: return "122"
        case 8: return "124"
        default: return "120"
        }
    }

    /// Appeal (02x) or demand (10x, when `verb` is a 10x code) that the target do what `code` codes.
    static func appeal(_ code: String, verb: String) -> String {
        let demand = root(verb) == 10
        switch root(code) {
        case 4: return demand ? "106" : "026"
        case 6: return demand ? "101" : "021"
        case 7: return demand ? "103" : "023"
        case 8:
            if code.hasPrefix("0841") { return demand ? "1053" : "0253" }
            return demand ? "105" : "025"
        default: return verb
        }
    }

    static func compose(_ composition: EventLexicon.Composition, verb: String, complement: String) -> String? {
        switch composition {
        case .none: return complement
        case .intent: return intent(complement)
        case .threat: return threat(complement)
        case .refuse: return refusal(complement)
        case .appeal: return appeal(complement, verb: verb)
        }
    }
}
