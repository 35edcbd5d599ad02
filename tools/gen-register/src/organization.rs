//! The organization that keeps the register, and its people.

/// The organization the register belongs to.
pub const ORGANIZATION: &str = "Northwind Cloud Inc.";

/// The mail and wiki domain of the organization.
pub const DOMAIN: &str = "northwind.example";

/// An owner in `riskreg.yaml`: ID, full name, role, and whether they approve acceptances.
type Person = (&'static str, &'static str, &'static str, bool);

/// The owners: five executive approvers (the CEO first), then staff.
pub const OWNERS: [Person; 50] = [
    ("ceo", "Dana Whitfield", "Chief Executive Officer", true),
    ("cfo", "Marcus Oyelaran", "Chief Financial Officer", true),
    (
        "ciso",
        "Priya Raman",
        "Chief Information Security Officer",
        true,
    ),
    ("cto", "Tomasz Nowicki", "Chief Technology Officer", true),
    ("coo", "Elena Marchetti", "Chief Operating Officer", true),
    ("alice", "Alice Chen", "Security Lead", false),
    ("bob", "Bob Okafor", "Platform Engineer", false),
    ("carmen", "Carmen Diaz", "IT Manager", false),
    ("deepak", "Deepak Iyer", "SRE Lead", false),
    ("emma", "Emma Larsen", "Compliance Manager", false),
    ("farid", "Farid Haddad", "Backend Engineer", false),
    ("grace", "Grace Kim", "Data Engineering Lead", false),
    ("hiro", "Hiro Tanaka", "Infrastructure Engineer", false),
    ("ines", "Ines Moreau", "Privacy Officer", false),
    ("jonas", "Jonas Berg", "Security Engineer", false),
    ("kofi", "Kofi Mensah", "Support Operations Lead", false),
    ("lena", "Lena Fischer", "Finance Controller", false),
    ("mateo", "Mateo Rossi", "DevOps Engineer", false),
    ("nadia", "Nadia Petrova", "Engineering Manager", false),
    ("omar", "Omar Farouk", "Network Engineer", false),
    ("paula", "Paula Santos", "People Operations Manager", false),
    ("quinn", "Quinn Murphy", "IT Support Engineer", false),
    ("rafael", "Rafael Costa", "Database Administrator", false),
    ("sara", "Sara Lindqvist", "Product Security Engineer", false),
    ("theo", "Theo Dubois", "Release Manager", false),
    ("uma", "Uma Patel", "Legal Counsel", false),
    ("victor", "Victor Novak", "Site Reliability Engineer", false),
    ("wen", "Wen Zhao", "Data Protection Analyst", false),
    ("xavier", "Xavier Blanc", "Procurement Manager", false),
    ("yara", "Yara Nasser", "Customer Success Manager", false),
    ("zoe", "Zoe Walker", "QA Lead", false),
    ("aaron", "Aaron Cohen", "Backend Engineer", false),
    (
        "bianca",
        "Bianca Ferreira",
        "Billing Operations Lead",
        false,
    ),
    ("caleb", "Caleb Brooks", "Cloud Engineer", false),
    ("daria", "Daria Volkova", "Security Analyst", false),
    ("ethan", "Ethan Clarke", "Mobile Engineering Lead", false),
    ("fatima", "Fatima Benali", "Risk Analyst", false),
    ("gustav", "Gustav Holm", "Platform Engineer", false),
    ("hana", "Hana Suzuki", "Internal Auditor", false),
    ("ivan", "Ivan Horvat", "Infrastructure Lead", false),
    ("julia", "Julia Weber", "Vendor Manager", false),
    ("karim", "Karim Said", "Detection Engineer", false),
    ("laura", "Laura Bianchi", "Payments Engineer", false),
    ("miguel", "Miguel Herrera", "Data Engineer", false),
    ("nora", "Nora Eriksen", "HR Systems Administrator", false),
    ("oscar", "Oscar Lindgren", "Frontend Lead", false),
    ("pia", "Pia Andersen", "Workplace IT Lead", false),
    ("ravi", "Ravi Shah", "Staff Engineer", false),
    ("sofia", "Sofia Gomez", "Trust & Safety Lead", false),
    (
        "tariq",
        "Tariq Aziz",
        "Application Security Engineer",
        false,
    ),
];

/// Index of the CEO in [`OWNERS`], the only exception approver.
pub const CEO: usize = 0;

/// Index of the CISO in [`OWNERS`], who chairs the reviews.
pub const CISO: usize = 2;

/// Number of executives (all approvers) at the start of [`OWNERS`].
pub const EXECUTIVES: usize = 5;

/// The e-mail address of an owner: `first.last@` the organization's domain.
pub fn email(name: &str) -> String {
    format!("{}@{DOMAIN}", name.to_ascii_lowercase().replace(' ', "."))
}

/// The index of an owner ID in [`OWNERS`].
pub fn owner_index(id: &str) -> usize {
    OWNERS
        .iter()
        .position(|owner| owner.0 == id)
        .unwrap_or(CISO)
}
