"""A few hundred articles written for these tests (in the style of Indonesian news, generated
from templates by a fixed seed), some republished with a new dateline, and bad inputs; and one
Spark session on local[2] for the whole module."""
from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES

CITIES = [("Semarang", "Jawa Tengah"), ("Makassar", "Sulawesi Selatan"), ("Medan", "Sumatera Utara"),
          ("Padang", "Sumatera Barat"), ("Pontianak", "Kalimantan Barat"), ("Kupang", "Nusa Tenggara Timur"),
          ("Manado", "Sulawesi Utara"), ("Palembang", "Sumatera Selatan"), ("Mataram", "Nusa Tenggara Barat"),
          ("Ambon", "Maluku"), ("Jayapura", "Papua"), ("Banjarmasin", "Kalimantan Selatan")]
PEOPLE = ["Hendra Wijaya", "Siti Rahmawati", "Bambang Suryadi", "Dewi Lestari Putri", "Agus Salim Harahap",
          "Rina Marlina", "Yusuf Hamdani", "Fitri Handayani", "Joko Prasetyo", "Maria Ulfa Siregar",
          "Andi Baso Mappangara", "Nyoman Sudarsana"]
ROLES = ["Kepala Dinas Perhubungan", "Kepala Badan Penanggulangan Bencana Daerah", "Wali Kota",
         "Kepala Dinas Perdagangan", "Kapolres", "Kepala Dinas Kesehatan"]
OUTLETS = [("Kompas", "kompas.test", "KOMPAS.com"), ("Tempo", "tempo.test", "TEMPO.CO"),
           ("Antara", "antaranews.test", "ANTARA"), ("Detik", "detik.test", "detikcom")]
TOPICS = {
    "banjir": ("Banjir Rendam {n} Kelurahan di {city}",
               ["Banjir merendam {n} kelurahan di Kota {city} setelah hujan deras mengguyur sejak {day} malam.",
                "Sebanyak {m} warga mengungsi ke masjid dan balai kelurahan, sementara ketinggian air mencapai {cm} sentimeter.",
                "\"Kami mengerahkan {k} perahu karet untuk mengevakuasi warga lanjut usia,\" kata {role} {city} {person}.",
                "Menurut {person}, pompa air di kawasan {area} sempat berhenti karena listrik padam.",
                "Pemerintah Provinsi {prov} menyiapkan dapur umum di {k} titik pengungsian.",
                "Genangan juga menutup ruas jalan utama menuju pelabuhan sehingga kendaraan dialihkan.",
                "Sekolah di sekitar {area} meliburkan murid selama dua hari.",
                "Badan Meteorologi memperkirakan hujan lebat masih turun hingga akhir pekan.",
                "Relawan membagikan air bersih dan selimut kepada pengungsi anak-anak.",
                "Tanggul sungai yang jebol sepanjang {cm} meter akan diperbaiki secepatnya."]),
    "harga": ("Harga {item} di {city} Naik Jadi Rp{price} per Kilogram",
              ["Harga {item} di pasar tradisional Kota {city} naik menjadi Rp{price} per kilogram sejak {day}.",
               "Pedagang di Pasar {area} menyebut pasokan dari {prov} berkurang karena cuaca buruk.",
               "\"Kami akan menggelar operasi pasar di {k} kecamatan pekan depan,\" ujar {role} {city} {person}.",
               "{person} mengatakan stok {item} di gudang Bulog masih cukup untuk {m} hari.",
               "Warga berharap harga kembali turun sebelum bulan puasa.",
               "Sejumlah pemilik warung makan mengaku terpaksa mengurangi porsi.",
               "Ongkos angkut dari sentra produksi ikut naik karena jalan rusak.",
               "Satgas pangan memantau gudang distributor untuk mencegah penimbunan.",
               "Inflasi bulanan di daerah itu diperkirakan terdorong oleh kenaikan bahan pokok.",
               "Ibu rumah tangga memilih membeli dalam jumlah kecil setiap hari."]),
    "kebakaran": ("Kebakaran Hanguskan {n} Rumah di {city}",
                  ["Kebakaran menghanguskan {n} rumah di kawasan {area}, Kota {city}, pada {day} dini hari.",
                   "Petugas pemadam mengerahkan {k} mobil untuk memadamkan api yang berkobar selama {m} menit.",
                   "{role} {city} {person} mengatakan api diduga berasal dari korsleting listrik.",
                   "\"Tidak ada korban jiwa, tetapi {m} warga kehilangan tempat tinggal,\" kata {person}.",
                   "Pemerintah Kota {city} menyalurkan bantuan tenda dan makanan siap saji.",
                   "Angin kencang membuat api cepat merambat ke bangunan kayu di sekitarnya.",
                   "Warga sempat memadamkan api dengan ember sebelum petugas datang.",
                   "Polisi memasang garis pengaman dan memeriksa sisa instalasi listrik.",
                   "Kerugian ditaksir mencapai ratusan juta rupiah.",
                   "Para korban untuk sementara menumpang di rumah kerabat."]),
    "kecelakaan": ("Tabrakan Bus dan Truk di Jalan Lintas {prov}, {n} Orang Luka",
                   ["Sebuah bus antarkota bertabrakan dengan truk pengangkut pasir di Jalan Lintas {prov} pada {day} pagi.",
                    "Sebanyak {n} penumpang mengalami luka dan dibawa ke rumah sakit di {city}.",
                    "{role} {city} {person} mengatakan sopir truk diduga mengantuk.",
                    "\"Kami masih memeriksa {k} saksi di lokasi kejadian,\" ujar {person}.",
                    "Arus lalu lintas sempat macet sepanjang {m} kilometer.",
                    "Bagian depan bus ringsek dan kaca jendela pecah berhamburan.",
                    "Petugas mengevakuasi kendaraan dengan derek setelah tiga jam.",
                    "Jalur itu dikenal rawan karena banyak tikungan tajam tanpa penerangan.",
                    "Pihak perusahaan otobus berjanji menanggung biaya pengobatan penumpang.",
                    "Sopir truk kini ditahan untuk dimintai keterangan."]),
}
ITEMS = ["beras", "cabai rawit", "bawang merah", "gula pasir", "minyak goreng", "telur ayam"]
AREAS = ["Tambak Lorok", "Karuwisi", "Sukaramai", "Ulak Karang", "Siantan", "Oebobo", "Tikala", "Plaju"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def write_corpus(folder: Path, n: int = 300, seed: int = 20240105) -> dict:
    """The test corpus under ``folder``: JSONL (plain and gzip), text and HTML files, bad ones.
    Returns what was made: the copies (id -> original id) and the bad inputs' sources."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    articles, copies = [], {}
    for i in range(n):
        topic = rng.choice(sorted(TOPICS))
        title, paragraphs = TOPICS[topic]
        city, prov = rng.choice(CITIES)
        slots = {"city": city, "prov": prov, "person": rng.choice(PEOPLE), "role": rng.choice(ROLES),
                 "n": rng.randint(2, 60), "m": rng.randint(20, 900), "k": rng.randint(2, 30),
                 "cm": rng.randint(20, 150), "price": f"{rng.randint(12, 95)}.{rng.choice(['000', '500'])}",
                 "item": rng.choice(ITEMS), "area": rng.choice(AREAS), "day": rng.choice(DAYS)}
        outlet, domain, line = rng.choice(OUTLETS)
        # The lead, then three of the other sentences and a list of places that is the article's
        # own: articles of one topic share well under the copy threshold.
        body = [p.format(**slots) for p in [paragraphs[0]] + rng.sample(paragraphs[1:], 2)]
        places = rng.sample(AREAS + [c for c, _ in CITIES], 8)
        body.append(f"Wilayah yang terdampak antara lain {places[0]}, {places[1]}, {places[2]} dan {places[3]}, "
                    f"dengan {rng.randint(3, 400)} rumah di {places[4]} dan {rng.randint(3, 400)} di {places[5]} "
                    f"dilaporkan rusak.")
        body.append(f"Data sementara mencatat {rng.randint(2, 90)} keluarga di {places[6]} dan "
                    f"{rng.randint(2, 90)} keluarga di {places[7]} membutuhkan bantuan {rng.choice(ITEMS)}.")
        month = rng.choice(["01", "02", "03"])
        published = f"2024-{month}-{rng.randint(1, 28):02d}" if rng.random() > 0.05 else None
        ident = f"{domain.split('.')[0]}-{i:04d}"
        text = f"{city.upper()}, {line} - " + "\n\n".join(body)
        articles.append({"id": ident, "url": f"https://{domain}/berita/{ident}", "title": title.format(**slots),
                         "outlet": outlet, "published": published, "text": text})
        if published and published[-2:] < "28" and rng.random() < 0.1:  # republished a day later elsewhere
            other, other_domain, other_line = rng.choice([o for o in OUTLETS if o[0] != outlet])
            copy_id = f"{other_domain.split('.')[0]}-{i:04d}-salinan"
            day = int(published[-2:]) + 1
            copied = f"{city}, {other_line} - " + "\n\n".join(body[:4]) + "\n\nBaca juga: Warga Diimbau Waspada"
            articles.append({"id": copy_id, "url": f"https://{other_domain}/{copy_id}", "outlet": other,
                             "title": "Salinan: " + title.format(**slots), "published": f"{published[:-2]}{day:02d}",
                             "text": copied})
            copies[copy_id] = ident
    half = len(articles) // 2
    with open(folder / "kiriman.jsonl", "w", encoding="utf-8") as out:
        for a in articles[:half]:
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
        out.write("{bukan json\n")
        out.write(json.dumps({"id": "tanpa-teks", "title": "Judul saja"}) + "\n")
        out.write(json.dumps({"id": "teks-kosong", "text": "   "}) + "\n")
        out.write(json.dumps({"id": "teks-angka", "text": 12345}) + "\n")
    with gzip.open(folder / "arsip.jsonl.gz", "wt", encoding="utf-8") as out:
        for a in articles[half:]:
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    (folder / "rusak.txt").write_bytes(b"\x00\x01\x02 bukan teks \x00" * 50)
    (folder / "kosong.html").write_text("  \n", encoding="utf-8")
    (folder / "catatan.csv").write_text("bukan,artikel\n", encoding="utf-8")  # not a known kind: skipped
    shutil.copytree(EXAMPLES, folder / "contoh")
    bad = {"kiriman.jsonl:%d" % (half + 1), "kiriman.jsonl:%d" % (half + 2), "kiriman.jsonl:%d" % (half + 3),
           "kiriman.jsonl:%d" % (half + 4), "rusak.txt", "kosong.html"}
    return {"articles": articles, "copies": copies, "bad": bad}


def need_spark() -> None:
    """Skip without pyspark or Java, except under CI=true, where the Spark tests must run."""
    problem = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        problem = "pyspark is not installed (pip install 'warta[spark]')"
    if problem is None and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        problem = "no Java runtime (apt install openjdk-17-jre-headless)"
    if problem is None:
        try:
            subprocess.run(["java", "-version"], capture_output=True, check=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            problem = "java does not run"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the Spark tests cannot run: {problem}")
        pytest.skip(problem)
