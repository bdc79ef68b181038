//! Agreement statistics against reference values computed once with established implementations
//! (`tests/data/stats/golden.json`, produced by `make_golden.py`), plus invariants that every
//! implementation of these statistics must satisfy.

use juri_core::stats::{
    chi_square_sf, kendall_w, kendall_w_incomplete, krippendorff_alpha, largest_complete_block,
    CompleteBlock, KendallW, Level,
};
use serde::Deserialize;

const RELATIVE: f64 = 1e-9;
/// The survival function is checked against 50-digit values, so more tightly.
const SF_RELATIVE: f64 = 1e-13;

#[derive(Deserialize)]
struct Golden {
    datasets: Vec<Dataset>,
    chi_square_sf: Vec<SfPoint>,
}

#[derive(Deserialize)]
struct Dataset {
    name: String,
    units: Vec<Vec<Option<f64>>>,
    alpha_interval: Option<f64>,
    alpha_ordinal: Option<f64>,
    /// Present only for complete datasets.
    #[serde(default)]
    kendall_w: Option<Option<ExpectedW>>,
    complete_block: Option<ExpectedBlock>,
    kendall_w_incomplete: Option<ExpectedW>,
}

#[derive(Deserialize)]
struct ExpectedW {
    w: f64,
    chi_square: f64,
    df: usize,
    p_value: f64,
    raters: usize,
    items: usize,
}

#[derive(Deserialize)]
struct ExpectedBlock {
    raters: Vec<usize>,
    units: Vec<usize>,
}

#[derive(Deserialize)]
struct SfPoint {
    x: f64,
    df: usize,
    sf: f64,
}

fn golden() -> Golden {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/stats/golden.json");
    let text = std::fs::read_to_string(path).expect("golden.json is readable");
    serde_json::from_str(&text).expect("golden.json parses")
}

fn close(actual: f64, expected: f64) -> bool {
    within(actual, expected, RELATIVE)
}

fn within(actual: f64, expected: f64, relative: f64) -> bool {
    // Values that underflow in either implementation compare as zero.
    (actual - expected).abs() <= relative * expected.abs()
        || actual.abs().max(expected.abs()) < 1e-300
}

fn check_value(
    problems: &mut Vec<String>,
    what: String,
    actual: Option<f64>,
    expected: Option<f64>,
) {
    match (actual, expected) {
        (Some(a), Some(e)) if close(a, e) => {}
        (None, None) => {}
        _ => problems.push(format!("{what}: got {actual:?}, expected {expected:?}")),
    }
}

fn check_w(
    problems: &mut Vec<String>,
    what: &str,
    actual: Option<KendallW>,
    expected: Option<&ExpectedW>,
) {
    match (actual, expected) {
        (None, None) => {}
        (Some(a), Some(e)) => {
            let fields = [
                ("w", a.w, e.w),
                ("chi_square", a.chi_square, e.chi_square),
                ("p_value", a.p_value, e.p_value),
            ];
            for (field, got, want) in fields {
                if !close(got, want) {
                    problems.push(format!("{what}.{field}: got {got}, expected {want}"));
                }
            }
            if (a.df, a.raters, a.items) != (e.df, e.raters, e.items) {
                problems.push(format!(
                    "{what}: got df/raters/items {:?}, expected {:?}",
                    (a.df, a.raters, a.items),
                    (e.df, e.raters, e.items)
                ));
            }
        }
        _ => problems.push(format!(
            "{what}: got {actual:?}, expected {}",
            if expected.is_some() {
                "a value"
            } else {
                "None"
            }
        )),
    }
}

fn transpose(units: &[Vec<Option<f64>>]) -> Vec<Vec<f64>> {
    (0..units[0].len())
        .map(|r| {
            units
                .iter()
                .map(|u| u[r].expect("complete dataset"))
                .collect()
        })
        .collect()
}

#[test]
fn golden_values_match_reference_implementations() {
    let golden = golden();
    assert!(golden.datasets.len() >= 8, "golden.json holds the datasets");
    let mut problems = Vec::new();
    for d in &golden.datasets {
        let name = &d.name;
        check_value(
            &mut problems,
            format!("{name} alpha interval"),
            krippendorff_alpha(&d.units, Level::Interval),
            d.alpha_interval,
        );
        check_value(
            &mut problems,
            format!("{name} alpha ordinal"),
            krippendorff_alpha(&d.units, Level::Ordinal),
            d.alpha_ordinal,
        );
        if let Some(expected) = &d.kendall_w {
            check_w(
                &mut problems,
                &format!("{name} kendall_w"),
                kendall_w(&transpose(&d.units)),
                expected.as_ref(),
            );
        }
        let block = largest_complete_block(&d.units);
        let expected_block = d.complete_block.as_ref().map(|b| CompleteBlock {
            raters: b.raters.clone(),
            units: b.units.clone(),
        });
        if block != expected_block {
            problems.push(format!(
                "{name} complete block: got {block:?}, expected {expected_block:?}"
            ));
        }
        check_w(
            &mut problems,
            &format!("{name} kendall_w_incomplete"),
            kendall_w_incomplete(&d.units),
            d.kendall_w_incomplete.as_ref(),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chi_square_survival_matches_reference() {
    let golden = golden();
    let problems: Vec<String> = golden
        .chi_square_sf
        .iter()
        .filter(|p| !within(chi_square_sf(p.x, p.df), p.sf, SF_RELATIVE))
        .map(|p| {
            format!(
                "sf({}, {}) = {}, expected {}",
                p.x,
                p.df,
                chi_square_sf(p.x, p.df),
                p.sf
            )
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chi_square_survival_edges() {
    assert_eq!(chi_square_sf(0.0, 3), 1.0);
    assert_eq!(chi_square_sf(-2.0, 3), 1.0);
    assert_eq!(chi_square_sf(f64::INFINITY, 3), 0.0);
    assert!(chi_square_sf(f64::NAN, 3).is_nan());
    assert_eq!(chi_square_sf(0.0, 0), 0.0);
    assert_eq!(chi_square_sf(-1.0, 0), 1.0);
    // Two degrees of freedom: the survival function is exactly exp(−x/2).
    for x in [0.5, 3.0, 10.0, 40.0, 200.0] {
        assert!(close(chi_square_sf(x, 2), (-x / 2.0).exp()), "x = {x}");
    }
}

/// Deterministic pseudo-random numbers in [0, 1) (SplitMix64).
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() * n as f64) as usize
    }
}

/// `entries` units over `jurors` slots, each unit rated by `per_entry` distinct jurors.
fn panel(seed: u64, entries: usize, jurors: usize, per_entry: usize) -> Vec<Vec<Option<f64>>> {
    let mut s = Stream(seed);
    (0..entries)
        .map(|_| {
            let quality = 40.0 + 50.0 * s.next();
            let mut row = vec![None; jurors];
            let mut placed = 0;
            while placed < per_entry {
                let j = s.below(jurors);
                if row[j].is_none() {
                    row[j] = Some(((quality + 20.0 * s.next()) * 100.0).round() / 100.0);
                    placed += 1;
                }
            }
            row
        })
        .collect()
}

fn map_values(units: &[Vec<Option<f64>>], f: impl Fn(f64) -> f64) -> Vec<Vec<Option<f64>>> {
    units
        .iter()
        .map(|u| u.iter().map(|v| v.map(&f)).collect())
        .collect()
}

#[test]
fn alpha_and_w_are_invariant_under_relabelling_and_rescaling() {
    let golden = golden();
    let mut problems = Vec::new();
    let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1e-12),
        (a, b) => a.is_none() && b.is_none(),
    };
    for d in &golden.datasets {
        let width = d.units.iter().map(Vec::len).max().unwrap_or(0);
        let mut reordered: Vec<Vec<Option<f64>>> = d
            .units
            .iter()
            .rev()
            .map(|u| {
                (0..width)
                    .rev()
                    .map(|r| u.get(r).copied().flatten())
                    .collect()
            })
            .collect();
        reordered.push(vec![Some(1e6)]); // an unpairable unit changes nothing
        let affine = map_values(&d.units, |x| 0.25 * x - 7.0);
        let monotone = map_values(&d.units, |x| (x / 13.0).exp());
        let interval = krippendorff_alpha(&d.units, Level::Interval);
        let ordinal = krippendorff_alpha(&d.units, Level::Ordinal);
        let w = kendall_w_incomplete(&d.units).map(|k| k.w);
        let cases = [
            (
                "reordered interval",
                interval,
                krippendorff_alpha(&reordered, Level::Interval),
            ),
            (
                "reordered ordinal",
                ordinal,
                krippendorff_alpha(&reordered, Level::Ordinal),
            ),
            (
                "affine interval",
                interval,
                krippendorff_alpha(&affine, Level::Interval),
            ),
            (
                "monotone ordinal",
                ordinal,
                krippendorff_alpha(&monotone, Level::Ordinal),
            ),
            (
                "reordered W",
                w,
                kendall_w_incomplete(&reordered).map(|k| k.w),
            ),
            (
                "monotone W",
                w,
                kendall_w_incomplete(&monotone).map(|k| k.w),
            ),
        ];
        for (what, expected, actual) in cases {
            if !same(expected, actual) {
                problems.push(format!("{}: {what}: {actual:?} != {expected:?}", d.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn undefined_statistics_are_none() {
    let none: Vec<Vec<Option<f64>>> = vec![];
    assert_eq!(krippendorff_alpha(&none, Level::Interval), None);
    assert_eq!(
        krippendorff_alpha(&[vec![Some(1.0), Some(f64::NAN)]], Level::Interval),
        None
    );
    assert_eq!(kendall_w(&[vec![1.0, 2.0, 3.0]]), None, "one rater");
    assert_eq!(kendall_w(&[vec![1.0], vec![2.0]]), None, "one item");
    assert_eq!(kendall_w(&[vec![1.0, 2.0], vec![2.0]]), None, "ragged");
    assert_eq!(
        kendall_w(&[vec![1.0, 2.0], vec![f64::NAN, 1.0]]),
        None,
        "non-finite"
    );
    assert_eq!(
        kendall_w(&[vec![5.0, 5.0], vec![-0.0, 0.0]]),
        None,
        "every rater ties everything"
    );
    assert_eq!(
        kendall_w_incomplete(&[vec![Some(1.0), Some(2.0)]]),
        None,
        "one unit"
    );
    // One juror who rates every entry the same still leaves W defined.
    let w = kendall_w(&[vec![1.0, 2.0, 3.0], vec![4.0, 4.0, 4.0]]).expect("defined");
    assert!((w.w - 0.5).abs() < 1e-15, "{w:?}");
}

/// The block holds every cell it claims and every unit its raters all rated.
fn assert_valid_block(units: &[Vec<Option<f64>>], block: &CompleteBlock) {
    assert!(
        block.raters.len() >= 2 && block.units.len() >= 2,
        "{block:?}"
    );
    for (u, unit) in units.iter().enumerate() {
        let rated_by_all = block.raters.iter().all(|&r| unit[r].is_some());
        assert_eq!(rated_by_all, block.units.contains(&u), "unit {u}");
    }
}

#[test]
fn complete_block_on_wide_panels_with_scattered_gaps() {
    // 70 jurors (two bit-set words), 300 entries each missing up to 3 jurors: far more
    // intersections of rater sets than are enumerated.
    let mut s = Stream(7);
    let units: Vec<Vec<Option<f64>>> = (0..300)
        .map(|_| {
            let mut row: Vec<Option<f64>> =
                (0..70).map(|_| Some((s.next() * 100.0).round())).collect();
            for _ in 0..3 {
                let r = s.below(70);
                row[r] = None;
            }
            row
        })
        .collect();
    let block = largest_complete_block(&units).expect("a block exists");
    assert_valid_block(&units, &block);
    // No pair of jurors shares more cells than the chosen block holds.
    let best_pair = (0..70)
        .flat_map(|a| (a + 1..70).map(move |b| (a, b)))
        .map(|(a, b)| {
            2 * units
                .iter()
                .filter(|u| u[a].is_some() && u[b].is_some())
                .count()
        })
        .max()
        .unwrap_or(0);
    let cells = block.raters.len() * block.units.len();
    assert!(
        cells >= 2 * best_pair,
        "{cells} cells vs {best_pair} for the best pair"
    );
    let w = kendall_w_incomplete(&units).expect("defined");
    assert_eq!((w.raters, w.items), (block.raters.len(), block.units.len()));
}

#[test]
fn complete_block_finds_a_planted_block_among_sparse_ratings() {
    // Jurors 20..40 rated entries 50..200; everything else is rated with probability 0.6.
    let mut s = Stream(11);
    let units: Vec<Vec<Option<f64>>> = (0..200)
        .map(|u| {
            (0..40)
                .map(|r| (r >= 20 && u >= 50 || s.next() < 0.6).then(|| s.next() * 100.0))
                .collect()
        })
        .collect();
    let block = largest_complete_block(&units).expect("a block exists");
    assert_valid_block(&units, &block);
    let cells = block.raters.len() * block.units.len();
    assert!(cells >= 20 * 150, "{cells} cells: {block:?}");
}

#[test]
fn complete_block_breaks_ties_by_raters_then_lowest_indices() {
    let (x, n) = (Some(50.0), None);
    let units = vec![
        vec![n, n, x, x],
        vec![n, n, x, x],
        vec![x, x, n, n],
        vec![x, x, n, n],
        vec![x, n, x, n],
    ];
    let block = largest_complete_block(&units).expect("a block exists");
    assert_eq!(
        block,
        CompleteBlock {
            raters: vec![0, 1],
            units: vec![2, 3]
        }
    );
}

#[test]
fn alpha_scales_to_large_stages() {
    // 5,000 entries × 5 ratings with two-decimal totals: about 7,000 distinct values.
    let units = panel(42, 5000, 12, 5);
    for level in [Level::Interval, Level::Ordinal] {
        // Speed is measured by `make bench-results`, not asserted here.
        let alpha = krippendorff_alpha(&units, level).expect("defined");
        assert!(alpha > 0.5 && alpha < 1.0, "{level:?}: {alpha}");
    }
    let w = kendall_w_incomplete(&units).expect("defined");
    let block = largest_complete_block(&units).expect("a block exists");
    assert_valid_block(&units, &block);
    assert_eq!((w.raters, w.items), (block.raters.len(), block.units.len()));
}
