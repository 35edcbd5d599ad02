//! How a re-import edits files of every style: values replaced where they are written,
//! keys inserted in the usual order, block and flow styles kept, comments kept.

use super::{Inputs, import, read};
use crate::support::{Fixture, code, stderr, stdout};

const BLOCK: &str = "\
kind: risk
id: R-001
title: Phishing   # short title
description: |
  Old text.
  Second line.

owner: alice
identified: 2026-10-01
criteria: [CC6.1]
inherent: {impact: 3, likelihood: 3}
treatment:
  decision: mitigate
# trailing comment
";

const FLOW: &str = "\
kind: risk
id: R-002
title: Laptops
description: >
  Folded
  text.
owner: bob
identified: 2026-10-01
inherent: {impact: 2, likelihood: 2}
treatment: {decision: mitigate}
";

const BARE: &str = "kind: risk\nid: R-003\ntitle: Vendors\nowner: bob\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}";

const ACTION: &str = "\
kind: mitigation
id: M-001
title: Enforce MFA through Okta
risks: [R-001]
owner: bob
due: 2026-12-31
status: in-progress
evidence:
  - https://a.example/1   # first
  - https://a.example/2
updates:
  - {on: 2026-10-02, note: started}
";

#[test]
fn edits_keep_the_style_of_each_file() {
    let fixture = Fixture::clean();
    fixture.write("risks/R-001-mfa.yaml", BLOCK);
    fixture.write("risks/R-002-laptops.yaml", FLOW);
    fixture.write("risks/R-003-vendors.yaml", BARE);
    fixture.write("mitigations/M-001-okta-mfa.yaml", ACTION);
    let inputs = Inputs::new();
    let map = inputs.write(
        "map.yaml",
        "columns:\n  id: id\n  description: description\n  criteria: criteria\n  residual: residual\n  treatment.decision: decision\n  treatment.rationale: rationale\n  action.id: action\n  action.title: action title\n  action.evidence: evidence\n",
    );
    let csv = inputs.write(
        "sheet.csv",
        "id,description,criteria,residual,decision,rationale,action,action title,evidence\n\
         R-001,\"New text\nsecond line\",\"CC6.1, CC6.6\",2x2,,Cheaper than the loss,M-001,,\"https://a.example/1\nhttps://a.example/2\nhttps://a.example/3, with comma\"\n\
         R-002,One line: with colon,,,,Encryption is standard,,,\n\
         R-003,,,1x1,accept,Low impact,,,\n",
    );
    let output = import(
        &csv,
        fixture.path(),
        &["--map", map.to_str().expect("path")],
    );
    assert_ne!(code(&output), 2, "{}{}", stdout(&output), stderr(&output));
    assert_eq!(
        read(fixture.path(), "risks/R-001-mfa.yaml"),
        "\
kind: risk
id: R-001
title: Phishing   # short title
description: |-
  New text
  second line

owner: alice
identified: 2026-10-01
criteria: [CC6.1, CC6.6]
inherent: {impact: 3, likelihood: 3}
residual: {impact: 2, likelihood: 2}
treatment:
  decision: mitigate
  rationale: Cheaper than the loss
# trailing comment
"
    );
    assert_eq!(
        read(fixture.path(), "risks/R-002-laptops.yaml"),
        "\
kind: risk
id: R-002
title: Laptops
description: \"One line: with colon\"
owner: bob
identified: 2026-10-01
inherent: {impact: 2, likelihood: 2}
treatment: {decision: mitigate, rationale: Encryption is standard}
"
    );
    assert_eq!(
        read(fixture.path(), "risks/R-003-vendors.yaml"),
        "kind: risk\nid: R-003\ntitle: Vendors\nowner: bob\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}\nresidual: {impact: 1, likelihood: 1}\ntreatment:\n  decision: accept\n  rationale: Low impact\n"
    );
    assert_eq!(
        read(fixture.path(), "mitigations/M-001-okta-mfa.yaml"),
        ACTION.replace(
            "  - https://a.example/1   # first\n  - https://a.example/2\n",
            "  - https://a.example/1\n  - https://a.example/2\n  - \"https://a.example/3, with comma\"\n"
        )
    );
}
