/// The fixed vocabulary of the synthetic survey year: categories and industries (JSIC-style
/// codes), SME criteria, the cluster projects, and name stems.
enum Catalog {
    struct Category {
        let name: String
        let sector: String
        /// Share among the participants.
        let participantShare: Double
        let industries: [(code: String, label: String)]
        /// Sales per employee multiplier.
        let intensity: Double
    }

    static let categories: [Category] = [
        Category(name: "food", sector: "manufacturing", participantShare: 0.08, industries: [("09", "食料品製造業"), ("10", "飲料・たばこ・飼料製造業")], intensity: 1.3),
        Category(name: "chemicals", sector: "manufacturing", participantShare: 0.07, industries: [("17", "化学工業"), ("19", "プラスチック製品製造業（別掲を除く）")], intensity: 1.6),
        Category(name: "metal", sector: "manufacturing", participantShare: 0.15, industries: [("23", "鉄鋼業"), ("24", "非鉄金属製造業"), ("25", "金属製品製造業")], intensity: 1.2),
        Category(name: "machinery", sector: "manufacturing", participantShare: 0.18, industries: [("26", "一般機械器具製造業"), ("31", "精密機械器具製造業")], intensity: 1.1),
        Category(name: "electrical", sector: "manufacturing", participantShare: 0.15, industries: [("27", "電気機械器具製造業"), ("28", "情報通信機械器具製造業"), ("29", "電子部品・デバイス製造業")], intensity: 1.2),
        Category(name: "transport_equipment", sector: "manufacturing", participantShare: 0.05, industries: [("30", "輸送用機械器具製造業")], intensity: 1.5),
        Category(name: "other_manufacturing", sector: "manufacturing", participantShare: 0.10, industries: [("12", "繊維工業（衣服，その他の繊維製品を除く）"), ("15", "印刷・同関連業"), ("32", "その他の製造業")], intensity: 0.9),
        Category(name: "construction", sector: "other", participantShare: 0.03, industries: [("06", "総合工事業"), ("08", "設備工事業")], intensity: 1.0),
        Category(name: "wholesale", sector: "wholesale", participantShare: 0.07, industries: [("49", "各種商品卸売業"), ("52", "機械器具卸売業")], intensity: 3.0),
        Category(name: "retail", sector: "retail", participantShare: 0.02, industries: [("55", "各種商品小売業"), ("60", "その他の小売業")], intensity: 0.8),
        Category(name: "services", sector: "services", participantShare: 0.10, industries: [("39", "情報サービス業"), ("80", "専門サービス業（他に分類されないもの）")], intensity: 0.7),
    ]

    /// SME Basic Act: sector, capital limit (thousand yen), employee limit.
    static let smeCriteria: [(String, Int64, Int64)] = [
        ("manufacturing", 300_000, 300), ("other", 300_000, 300), ("wholesale", 100_000, 100),
        ("retail", 50_000, 50), ("services", 50_000, 100),
    ]

    /// Capital classes of the Annual Statistics Report on Incorporated Enterprises (thousand yen).
    static let sizeClasses: [(label: String, min: Int64, max: Int64?)] = [
        ("1千万円未満", 0, 10_000), ("1千万円以上5千万円未満", 10_000, 50_000), ("5千万円以上1億円未満", 50_000, 100_000),
        ("1億円以上10億円未満", 100_000, 1_000_000), ("10億円以上", 1_000_000, nil),
    ]

    /// The cluster projects of the programme (code, region, share of participants).
    static let projects: [(code: String, region: String, share: Double)] = [
        ("HOKKAIDO", "北海道", 0.06), ("TOHOKU", "東北", 0.07), ("TAMA", "関東", 0.10), ("KANTO_IT", "関東", 0.06),
        ("KANTO_BIO", "関東", 0.04), ("CHUBU_MONOZUKURI", "中部", 0.09), ("TOKAI_BIO", "中部", 0.03),
        ("HOKURIKU", "中部", 0.05), ("KINKI_BIO", "近畿", 0.05), ("KINKI_ENERGY", "近畿", 0.04),
        ("KINKI_MONOZUKURI", "近畿", 0.09), ("CHUGOKU", "中国", 0.07), ("SHIKOKU_TECH", "四国", 0.04),
        ("SHIKOKU_HEALTH", "四国", 0.02), ("KYUSHU_SI", "九州", 0.06), ("KYUSHU_ENV", "九州", 0.05),
        ("KYUSHU_BIO", "九州", 0.03), ("OKINAWA", "沖縄", 0.02),
    ]

    static let stems = [
        "山田", "田中", "佐藤", "鈴木", "高橋", "中村", "小林", "加藤", "吉田", "山本", "松本", "井上", "木村", "林", "清水",
        "タマ", "ミライ", "サン", "ニッポン", "東洋", "北斗", "大和", "富士", "日進", "昭和", "平成", "三光", "旭", "協和", "丸栄",
    ]
    static let kinds = ["精機", "製作所", "工業", "電子", "技研", "化学", "金属", "産業", "商事", "システム", "テクノ", "製菓", "設計"]
    static let forms = ["株式会社", "有限会社", "合同会社"]

    /// Q2 of the questionnaire (a single question, not charted).
    static let q2 = ["Very useful", "Useful", "Neither", "Not very useful", "Not useful"]
}
