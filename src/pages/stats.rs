//! Statistics, drawn as SVG by these components from `trainer_core::stats`: the year's reviews with streaks,
//! the 30-day forecast, true retention against the desired one, answer buttons and cards by state. Every
//! chart is one `role="img"` with its numbers in `aria-label`, and the same numbers stand beside it as text,
//! so nothing is only a picture. The page is a sequence of `<section>`s: more can follow.

use crate::content::deck;
use crate::deck::OUTLINE;
use crate::i18n::Lang;
use crate::page::{enter_page, use_lang};
use crate::pages::quiz::QuizHistory;
use crate::store::{now, offset_at, use_store};
use leptos::prelude::*;
use trainer_core::mastery::{mastery, Mastery, MasteryMap};
use trainer_core::stats::{stats, Retention, Stats, HEATMAP_DAYS};

/// Heatmap cell pitch and forecast bar pitch in SVG units.
const CELL: i64 = 12;
const BAR: usize = 12;
const BAR_HEIGHT: u32 = 80;
const STACK_WIDTH: f64 = 300.0;

#[component]
pub fn StatsPage() -> impl IntoView {
    let store = use_store();
    let lang = use_lang();
    Effect::new(move |_| enter_page(lang.get().strings().stats_title.to_string(), None));
    let ids: Vec<&'static str> = deck().cards.iter().map(|c| c.id).collect();
    move || {
        let lang = lang.get();
        let (stats, target) = store.progress.with(|p| (stats(p, &ids, now(), &offset_at), p.settings.desired_retention));
        view! {
            <h1 tabindex="-1">{lang.strings().stats_title}</h1>
            {heatmap(&stats, lang)}
            {forecast(&stats, lang)}
            {retention(&stats, target, lang)}
            {buttons(&stats, lang)}
            {states(&stats, lang)}
            {mastery_bars(&store.progress.with(|p| mastery(&OUTLINE, p, now())), lang)}
            <QuizHistory store lang />
        }
    }
}

fn percent(part: u32, whole: u32) -> String {
    format!("{:.0} %", f64::from(part) * 100.0 / f64::from(whole.max(1)))
}

fn heatmap(stats: &Stats, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let first = stats.today - HEATMAP_DAYS as i64 + 1;
    // Rows are weekdays from Monday; 1 January 1970 (day 0) was a Thursday.
    let weekday = |day: i64| (day + 3).rem_euclid(7);
    let first_monday = first - weekday(first);
    let busiest = stats.heatmap.iter().copied().max().unwrap_or(0).max(1);
    let cells = stats
        .heatmap
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            let day = first + i as i64;
            let level = (count * 4).div_ceil(busiest).min(4);
            view! { <rect x={(day - first_monday) / 7 * CELL} y={weekday(day) * CELL} width="10" height="10" rx="2" class=format!("heat-{level}") /> }
        })
        .collect_view();
    let weeks = (stats.today - first_monday) / 7 + 1;
    let facts = [
        (s.reviews_last_year, stats.heatmap.iter().sum::<u32>().to_string()),
        (s.current_streak, lang.count(stats.current_streak as usize, &s.days)),
        (s.longest_streak, lang.count(stats.longest_streak as usize, &s.days)),
    ];
    let label = facts.iter().map(|(name, value)| format!("{name}: {value}.")).collect::<Vec<_>>().join(" ");
    view! {
        <section class="chart" aria-labelledby="heatmap-title">
            <h2 id="heatmap-title">{s.heatmap_title}</h2>
            // Narrow screens scroll the year sideways; right-to-left starts the scroll at today's end.
            <div class="heatmap-scroll" tabindex="0">
                <svg class="heatmap" viewBox={format!("0 0 {} {}", weeks * CELL, 7 * CELL)} role="img" aria-label=label>{cells}</svg>
            </div>
            {fact_list(&facts)}
        </section>
    }
}

fn fact_list(facts: &[(&'static str, String)]) -> impl IntoView {
    let items = facts.iter().map(|(name, value)| view! { <div><dt>{*name}</dt><dd>{value.clone()}</dd></div> }).collect_view();
    view! { <dl class="facts inline">{items}</dl> }
}

fn forecast(stats: &Stats, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let most = stats.forecast.iter().copied().max().unwrap_or(0).max(1);
    let bars = stats
        .forecast
        .iter()
        .enumerate()
        .map(|(day, &count)| {
            let height = count * BAR_HEIGHT / most;
            view! { <rect x={day * BAR} y={BAR_HEIGHT - height} width={BAR - 2} height=height class="column" /> }
        })
        .collect_view();
    let total = stats.forecast.iter().sum::<u32>();
    let rows =
        stats.forecast.iter().enumerate().map(|(day, count)| view! { <tr><td>{day}</td><td>{*count}</td></tr> }).collect_view();
    view! {
        <section class="chart" aria-labelledby="forecast-title">
            <h2 id="forecast-title">{s.forecast_title}</h2>
            <svg class="bars" viewBox=format!("0 0 {} {BAR_HEIGHT}", stats.forecast.len() * BAR) role="img"
                aria-label=format!("{}: {total}", s.forecast_total)>
                <line x1="0" x2={stats.forecast.len() * BAR} y1=BAR_HEIGHT y2=BAR_HEIGHT class="axis" />
                {bars}
            </svg>
            {fact_list(&[(s.forecast_total, total.to_string())])}
            <details>
                <summary>{s.stats_table}</summary>
                <table>
                    <thead><tr><th scope="col">{s.forecast_day}</th><th scope="col">{s.cards_due}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
}

fn retention(stats: &Stats, target: f64, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let said = |r: Retention| match r.rate() {
        Some(_) => format!("{} ({} / {})", percent(r.passed, r.total), r.passed, r.total),
        None => s.no_reviews_yet.to_string(),
    };
    let rows = [(s.retention_recent, stats.retention_recent), (s.retention_all, stats.retention_all)];
    let facts: Vec<(&'static str, String)> = rows
        .iter()
        .map(|(name, r)| (*name, said(*r)))
        .chain([(s.desired_retention, format!("{:.0} %", target * 100.0))])
        .collect();
    let label = facts.iter().map(|(name, value)| format!("{name}: {value}.")).collect::<Vec<_>>().join(" ");
    let bars = rows
        .iter()
        .enumerate()
        .map(|(row, (_, r))| {
            let y = row * 20;
            let width = r.rate().unwrap_or(0.0) * STACK_WIDTH;
            view! {
                <rect x="0" y=y width=STACK_WIDTH height="14" class="track" />
                <rect x="0" y=y width=width height="14" class="column" />
            }
        })
        .collect_view();
    let target_x = target * STACK_WIDTH;
    view! {
        <section class="chart" aria-labelledby="retention-title">
            <h2 id="retention-title">{s.retention_title}</h2>
            <svg class="stack" viewBox=format!("0 0 {STACK_WIDTH} 38") role="img" aria-label=label>
                {bars}
                <line x1=target_x x2=target_x y1="0" y2="38" class="target" />
            </svg>
            {fact_list(&facts)}
        </section>
    }
}

/// One horizontal bar split into `values` (coloured `seg-0`, `seg-1`, …) at vertical offset `y`.
fn stacked(values: &[u32], y: u32) -> impl IntoView + use<> {
    let total = f64::from(values.iter().sum::<u32>().max(1));
    let mut x = 0.0;
    values
        .iter()
        .enumerate()
        .map(|(i, &value)| {
            let width = f64::from(value) / total * STACK_WIDTH;
            let left = x;
            x += width;
            view! { <rect x=left y=y width=width height="14" class=format!("seg-{i}") /> }
        })
        .collect_view()
}

fn buttons(stats: &Stats, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let groups = [(s.button_groups[0], stats.buttons_learning), (s.button_groups[1], stats.buttons_review)];
    let label = groups
        .iter()
        .map(|(group, counts)| {
            let parts: Vec<String> = counts.iter().zip(s.grades).map(|(count, grade)| format!("{grade} {count}")).collect();
            format!("{group}: {}.", parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let rows = groups
        .iter()
        .map(|(group, counts)| {
            let total = counts.iter().sum::<u32>();
            let cells =
                counts.iter().map(|&count| view! { <td>{format!("{count} ({})", percent(count, total))}</td> }).collect_view();
            view! { <tr><th scope="row">{*group}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section class="chart" aria-labelledby="buttons-title">
            <h2 id="buttons-title">{s.buttons_title}</h2>
            <svg class="stack" viewBox=format!("0 0 {STACK_WIDTH} 34") role="img" aria-label=label>
                {stacked(&stats.buttons_learning, 0)}
                {stacked(&stats.buttons_review, 20)}
            </svg>
            <div class="table" tabindex="0">
                <table>
                    <thead><tr><td></td>{s.grades.into_iter().map(|grade| view! { <th scope="col">{grade}</th> }).collect_view()}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn states(stats: &Stats, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let st = stats.states;
    let counts = [st.new, st.learning, st.young, st.mature, st.suspended];
    let label = counts.iter().zip(s.card_states).map(|(count, name)| format!("{name}: {count}")).collect::<Vec<_>>().join(", ");
    let legend = counts
        .iter()
        .zip(s.card_states)
        .enumerate()
        .map(|(i, (count, name))| view! { <li><span class=format!("swatch seg-{i}") aria-hidden="true"></span>{name}": "<strong>{*count}</strong></li> })
        .collect_view();
    view! {
        <section class="chart" aria-labelledby="states-title">
            <h2 id="states-title">{s.states_title}</h2>
            <svg class="stack" viewBox=format!("0 0 {STACK_WIDTH} 14") role="img" aria-label=label>{stacked(&counts, 0)}</svg>
            <ul class="legend">{legend}</ul>
        </section>
    }
}

fn mastery_bars(map: &MasteryMap, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let said = |m: Mastery| {
        if m.evidence > 0.0 {
            format!("{} %", m.percent())
        } else {
            format!("{} % ({})", m.percent(), s.no_history)
        }
    };
    let label =
        deck().topics.iter().zip(&map.topics).map(|(t, m)| format!("{}: {}", t.title, said(*m))).collect::<Vec<_>>().join("; ");
    let bars = map
        .topics
        .iter()
        .enumerate()
        .map(|(row, m)| {
            let y = row as u32 * 20;
            view! {
                <rect x="0" y=y width=STACK_WIDTH height="14" class="track" />
                <rect x="0" y=y width=m.value * STACK_WIDTH height="14" class="column" />
            }
        })
        .collect_view();
    let rows = deck()
        .topics
        .iter()
        .zip(&map.topics)
        .map(|(topic, m)| view! { <tr><th scope="row">{topic.title}</th><td>{said(*m)}</td></tr> })
        .collect_view();
    view! {
        <section class="chart" aria-labelledby="mastery-title">
            <h2 id="mastery-title">{s.mastery}</h2>
            <p class="hint">{s.weak_spots_lead}</p>
            <svg class="stack" viewBox=format!("0 0 {STACK_WIDTH} {}", map.topics.len() * 20) role="img" aria-label=label>{bars}</svg>
            <details>
                <summary>{s.stats_table}</summary>
                <table><tbody>{rows}</tbody></table>
            </details>
        </section>
    }
}
