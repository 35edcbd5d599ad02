//! `hidden-text`: bidirectional controls and zero-width characters in values and keys of
//! documents and of the config.

use crate::support::{CONFIG, Fixture, RISK, RISK_PATH, found};

#[test]
fn a_bidi_override_in_a_value_is_one_finding_at_the_value_naming_each_code_point() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "owner: alice\n",
            "owner: alice\ndescription: \"ticket \\u202E1024-NIF\\u202C, not \\u202Eagain\"\n",
        ),
    );
    assert_eq!(
        fixture.findings_of("hidden-text"),
        vec![found(
            "hidden-text",
            RISK_PATH,
            5,
            14,
            "`description` contains hidden characters U+202E RIGHT-TO-LEFT OVERRIDE, \
             U+202C POP DIRECTIONAL FORMATTING"
        )]
    );
}

#[test]
fn raw_zero_width_characters_in_list_items_and_keys_are_found_too() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace("criteria: [CC6.1]", "criteria: [CC6.1, \"CC6.\u{200B}6\"]")
            .replace("owner: alice\n", "owner: alice\nnote\u{2066}: x\n"),
    );
    let findings = fixture.findings_of("hidden-text");
    assert_eq!(
        findings,
        vec![
            found(
                "hidden-text",
                RISK_PATH,
                5,
                1,
                "the key `note\\u{2066}` contains hidden character U+2066 LEFT-TO-RIGHT ISOLATE"
            ),
            found(
                "hidden-text",
                RISK_PATH,
                7,
                19,
                "`criteria[1]` contains hidden character U+200B ZERO WIDTH SPACE"
            ),
        ]
    );
}

#[test]
fn the_config_is_checked_and_the_rule_can_be_turned_off() {
    let fixture = Fixture::clean();
    let config = CONFIG.replace("name: Bob Ito", "name: \"Bob\u{200F} Ito\"");
    fixture.write("riskreg.yaml", &config);
    assert_eq!(
        fixture.findings_of("hidden-text"),
        vec![found(
            "hidden-text",
            "riskreg.yaml",
            11,
            21,
            "`owners[1].name` contains hidden character U+200F RIGHT-TO-LEFT MARK"
        )]
    );
    fixture.write(
        "riskreg.yaml",
        format!("{config}rules: {{hidden-text: off}}\n"),
    );
    assert_eq!(fixture.findings_of("hidden-text"), vec![]);
}

#[test]
fn right_to_left_text_without_controls_is_fine() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "owner: alice\n",
            "owner: alice\ndescription: שלום עולם, مرحبا\n",
        ),
    );
    assert_eq!(fixture.findings_of("hidden-text"), vec![]);
}
